package dev.dpsrig.app.cli.dps.enrollment;

import dev.dpsrig.app.cli.shared.ConnectionOptions;
import dev.dpsrig.app.cli.shared.OutputOptions;
import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.protocol.service.IndividualEnrollment;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "show", mixinStandardHelpOptions = true, description = "Print an individual enrollment.")
final class EnrollmentShowCommand implements Callable<Integer> {
    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private OutputOptions output;

    @Option(names = "--enrollment-id", required = true, paramLabel = "ID", description = "The device's registration id.")
    private String enrollmentId;

    @Option(names = "--show-keys", arity = "0..1", defaultValue = "false", fallbackValue = "true",
            paramLabel = "true|false", description = "Include the symmetric keys (default: ${DEFAULT-VALUE}).")
    private boolean showKeys;

    @Override
    public Integer call() {
        try (ServiceApiClient client = connection.client()) {
            IndividualEnrollment enrollment = client.enrollment(enrollmentId);
            output.print((showKeys ? enrollment.withAttestation(client.enrollmentAttestation(enrollmentId)) : enrollment).toJson());
        }
        return 0;
    }
}
