package dev.dpsrig.app.cli.dps.certificate;

import dev.dpsrig.app.cli.shared.ConnectionOptions;
import dev.dpsrig.app.cli.shared.OutputOptions;
import dev.dpsrig.emulator.client.ServiceApiClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", mixinStandardHelpOptions = true, description = "Print every CA certificate, as {\"value\": [...]}.")
final class CertificateListCommand implements Callable<Integer> {
    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private OutputOptions output;

    @Override
    public Integer call() {
        try (ServiceApiClient client = connection.client()) {
            output.print(client.certificates().toJson());
        }
        return 0;
    }
}
