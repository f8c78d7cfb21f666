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

@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Upload (or replace) a CA certificate; --verified true skips the proof of possession.")
final class CertificateCreateCommand implements Callable<Integer> {
    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private OutputOptions output;

    @Option(names = "--certificate-name", required = true, paramLabel = "NAME",
            description = "A name for the certificate: letters, digits and - . _")
    private String certificateName;

    @Option(names = "--path", required = true, paramLabel = "PEM", description = "The CA certificate (PEM or DER).")
    private Path path;

    @Option(names = "--verified", arity = "0..1", defaultValue = "false", fallbackValue = "true", paramLabel = "true|false",
            description = "Mark it verified at once (default: ${DEFAULT-VALUE}).")
    private boolean verified;

    @Override
    public Integer call() {
        String pem = Certificates.toPem(IdentityFiles.readCertificates(path).getFirst());
        try (ServiceApiClient client = connection.client()) {
            output.print(client.putCertificate(certificateName, pem, verified, Optional.empty()).toJson());
        }
        return 0;
    }
}
