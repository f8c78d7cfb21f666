package dev.dpsrig.app.cli.dps.registration;

import dev.dpsrig.app.cli.shared.ConnectionOptions;
import dev.dpsrig.app.cli.shared.OutputOptions;
import dev.dpsrig.emulator.client.ServiceApiClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print a device's registration state: status, assigned hub, device id, etag.")
final class RegistrationShowCommand implements Callable<Integer> {
    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private OutputOptions output;

    @Option(names = "--registration-id", required = true, paramLabel = "ID", description = "The device's registration id.")
    private String registrationId;

    @Override
    public Integer call() {
        try (ServiceApiClient client = connection.client()) {
            output.print(client.registration(registrationId).toJson());
        }
        return 0;
    }
}
