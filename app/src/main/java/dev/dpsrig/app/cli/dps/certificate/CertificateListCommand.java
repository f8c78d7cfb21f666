package dev.dpsrig.app.cli.dps.certificate;

import dev.dpsrig.app.cli.shared.ConnectionOptions;
import dev.dpsrig.app.cli.shared.JsonOutput;
import dev.dpsrig.emulator.client.ServiceApiClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true, description = "Print every CA certificate, as {\"value\": [...]}.")
final class CertificateListCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Override
    public Integer call() {
        try (ServiceApiClient client = connection.client()) {
            JsonOutput.print(spec, client.certificates().toJson());
        }
        return 0;
    }
}
