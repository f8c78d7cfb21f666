package dev.dpsrig.app.cli.dps.certificate;

import dev.dpsrig.app.cli.shared.ConnectionOptions;
import dev.dpsrig.app.cli.shared.OutputOptions;
import dev.dpsrig.emulator.client.ServiceApiClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "show", mixinStandardHelpOptions = true, description = "Print a CA certificate, with its etag and verification state.")
final class CertificateShowCommand implements Callable<Integer> {
    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private OutputOptions output;

    @Option(names = "--certificate-name", required = true, paramLabel = "NAME", description = "The certificate's name.")
    private String certificateName;

    @Override
    public Integer call() {
        try (ServiceApiClient client = connection.client()) {
            output.print(client.certificate(certificateName).toJson());
        }
        return 0;
    }
}
