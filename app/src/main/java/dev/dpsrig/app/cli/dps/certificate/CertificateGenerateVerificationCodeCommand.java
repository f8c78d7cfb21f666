package dev.dpsrig.app.cli.dps.certificate;

import dev.dpsrig.app.cli.shared.ConnectionOptions;
import dev.dpsrig.app.cli.shared.JsonOutput;
import dev.dpsrig.emulator.client.ServiceApiClient;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "generate-verification-code", mixinStandardHelpOptions = true,
        description = {"Ask for a verification code for an uploaded CA certificate (in properties.verificationCode).",
                "Then sign a certificate with CN = that code by the CA's key (`dpsrig certs create-verification-certificate CODE`)"
                        + " and pass it to `verify`."})
final class CertificateGenerateVerificationCodeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Option(names = "--certificate-name", required = true, paramLabel = "NAME", description = "The certificate's name.")
    private String certificateName;

    @Option(names = "--etag", paramLabel = "ETAG", description = "Only if the certificate still has this etag.")
    private Optional<String> etag = Optional.empty();

    @Override
    public Integer call() {
        try (ServiceApiClient client = connection.client()) {
            JsonOutput.print(spec, client.generateVerificationCode(certificateName, etag).toJson());
        }
        return 0;
    }
}
