package dev.dpsrig.app.cli.dps.certificate;

import dev.dpsrig.app.cli.shared.ConnectionOptions;
import dev.dpsrig.app.cli.shared.OutputOptions;
import dev.dpsrig.emulator.client.ServiceApiClient;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "generate-verification-code", mixinStandardHelpOptions = true,
        description = {"Ask for a verification code for an uploaded CA certificate (in properties.verificationCode).",
                "Then sign a certificate with CN = that code by the CA's key (`dpsrig certs create-verification-certificate CODE`)"
                        + " and pass it to `verify`."})
final class CertificateGenerateVerificationCodeCommand implements Callable<Integer> {
    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private OutputOptions output;

    @Option(names = "--certificate-name", required = true, paramLabel = "NAME", description = "The certificate's name.")
    private String certificateName;

    @Option(names = "--etag", paramLabel = "ETAG", description = "Only if the certificate still has this etag.")
    private Optional<String> etag = Optional.empty();

    @Override
    public Integer call() {
        try (ServiceApiClient client = connection.client()) {
            output.print(client.generateVerificationCode(certificateName, etag).toJson());
        }
        return 0;
    }
}
