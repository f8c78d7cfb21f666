package dev.dpsrig.app.cli.dps.registration;

import dev.dpsrig.app.cli.shared.ConnectionOptions;
import dev.dpsrig.emulator.client.ServiceApiClient;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a device's registration state; prints nothing.")
final class RegistrationDeleteCommand implements Callable<Integer> {
    @Mixin
    private ConnectionOptions connection;

    @Option(names = "--registration-id", required = true, paramLabel = "ID", description = "The device's registration id.")
    private String registrationId;

    @Option(names = "--etag", paramLabel = "ETAG", description = "Delete only if the registration state still has this etag.")
    private Optional<String> etag = Optional.empty();

    @Override
    public Integer call() {
        try (ServiceApiClient client = connection.client()) {
            client.deleteRegistration(registrationId, etag);
        }
        return 0;
    }
}
