package dev.dpsrig.app.cli.dps.enrollment;

import dev.dpsrig.app.cli.shared.ConnectionOptions;
import dev.dpsrig.emulator.client.ServiceApiClient;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an individual enrollment; prints nothing.")
final class EnrollmentDeleteCommand implements Callable<Integer> {
    @Mixin
    private ConnectionOptions connection;

    @Option(names = "--enrollment-id", required = true, paramLabel = "ID", description = "The device's registration id.")
    private String enrollmentId;

    @Option(names = "--etag", paramLabel = "ETAG", description = "Delete only if the enrollment still has this etag.")
    private Optional<String> etag = Optional.empty();

    @Override
    public Integer call() {
        try (ServiceApiClient client = connection.client()) {
            client.deleteEnrollment(enrollmentId, etag);
        }
        return 0;
    }
}
