package dev.dpsrig.app.cli.dps.certificate;

import dev.dpsrig.app.cli.shared.ConnectionOptions;
import dev.dpsrig.emulator.client.ServiceApiClient;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a CA certificate; prints nothing.")
final class CertificateDeleteCommand implements Callable<Integer> {
    @Mixin
    private ConnectionOptions connection;

    @Option(names = "--certificate-name", required = true, paramLabel = "NAME", description = "The certificate's name.")
    private String certificateName;

    @Option(names = "--etag", paramLabel = "ETAG", description = "Delete only if the certificate still has this etag.")
    private Optional<String> etag = Optional.empty();

    @Override
    public Integer call() {
        try (ServiceApiClient client = connection.client()) {
            client.deleteCertificate(certificateName, etag);
        }
        return 0;
    }
}
