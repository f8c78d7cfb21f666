package dev.dpsrig.app.cli.dps.enrollmentgroup;

import dev.dpsrig.app.cli.shared.ConnectionOptions;
import dev.dpsrig.app.cli.shared.OutputOptions;
import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.protocol.service.EnrollmentGroup;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "show", mixinStandardHelpOptions = true, description = "Print an enrollment group.")
final class EnrollmentGroupShowCommand implements Callable<Integer> {
    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private OutputOptions output;

    @Option(names = "--enrollment-id", required = true, paramLabel = "ID", description = "The enrollment group id.")
    private String enrollmentId;

    @Option(names = "--show-keys", arity = "0..1", defaultValue = "false", fallbackValue = "true",
            paramLabel = "true|false", description = "Include the group's symmetric keys (default: ${DEFAULT-VALUE}).")
    private boolean showKeys;

    @Override
    public Integer call() {
        try (ServiceApiClient client = connection.client()) {
            EnrollmentGroup group = client.group(enrollmentId);
            output.print((showKeys ? group.withAttestation(client.groupAttestation(enrollmentId)) : group).toJson());
        }
        return 0;
    }
}
