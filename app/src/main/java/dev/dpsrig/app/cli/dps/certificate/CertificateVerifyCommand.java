package dev.dpsrig.app.cli.dps.certificate;

import dev.dpsrig.app.cli.shared.ConnectionOptions;
import dev.dpsrig.app.cli.shared.OutputOptions;
import dev.dpsrig.certs.Certificates;
import dev.dpsrig.certs.IdentityFiles;
import dev.dpsrig.emulator.client.ServiceApiClient;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Prove possession of a CA's key with a certificate whose CN is the verification code, signed by that key.")
final class CertificateVerifyCommand implements Callable<Integer> {
    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private OutputOptions output;

    @Option(names = "--certificate-name", required = true, paramLabel = "NAME", description = "The certificate's name.")
    private String certificateName;

    @Option(names = "--path", required = true, paramLabel = "PEM", description = "The verification certificate (PEM or DER).")
    private Path path;

    @Option(names = "--etag", paramLabel = "ETAG", description = "Only if the certificate still has this etag.")
    private Optional<String> etag = Optional.empty();

    @Override
    public Integer call() {
        String pem = Certificates.toPem(IdentityFiles.readCertificates(path).getFirst());
        try (ServiceApiClient client = connection.client()) {
            output.print(client.verifyCertificate(certificateName, pem, etag).toJson());
        }
        return 0;
    }
}
