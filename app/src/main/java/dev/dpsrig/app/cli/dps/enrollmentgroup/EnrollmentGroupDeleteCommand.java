package dev.dpsrig.app.cli.dps.enrollmentgroup;

import dev.dpsrig.app.cli.shared.ConnectionOptions;
import dev.dpsrig.emulator.client.ServiceApiClient;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an enrollment group; prints nothing.")
final class EnrollmentGroupDeleteCommand implements Callable<Integer> {
    @Mixin
    private ConnectionOptions connection;

    @Option(names = "--enrollment-id", required = true, paramLabel = "ID", description = "The enrollment group id.")
    private String enrollmentId;

    @Option(names = "--etag", paramLabel = "ETAG", description = "Delete only if the group still has this etag.")
    private Optional<String> etag = Optional.empty();

    @Override
    public Integer call() {
        try (ServiceApiClient client = connection.client()) {
            client.deleteGroup(enrollmentId, etag);
        }
        return 0;
    }
}
