package dev.dpsrig.app.cli.dps.enrollmentgroup;

import dev.dpsrig.app.cli.dps.enrollment.Attestations;
import dev.dpsrig.app.cli.dps.enrollment.EnrollmentChange;
import dev.dpsrig.app.cli.shared.ConnectionOptions;
import dev.dpsrig.app.cli.shared.OutputOptions;
import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.protocol.service.EnrollmentGroup;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dpsrig dps enrollment-group update}: changes the options given of an enrollment group and keeps the rest, as
 * {@code az iot dps enrollment-group update} does: rotate its keys or certificates, disable it, change its hubs,
 * allocation, reprovision policy, initial twin or Edge flag. The change is written with {@code If-Match}: the etag given,
 * else the one read just before, so that a change made in between is refused (412) rather than overwritten.
 */
@Command(name = "update", mixinStandardHelpOptions = true, resourceBundle = GroupAttestationHelp.BUNDLE,
        description = {"Change an enrollment group: the options given replace what it has, the rest is kept. Prints it, keys included.",
                "Written with If-Match: --etag, else the etag read just before, so a change made meanwhile is refused, not lost."})
final class EnrollmentGroupUpdateCommand implements Callable<Integer> {
    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private OutputOptions output;

    @Mixin
    private EnrollmentChange change;

    @Option(names = {"--enrollment-id", "--eid"}, required = true, paramLabel = "ID", description = "The enrollment group id.")
    private String enrollmentId;


    @Override
    public Integer call() {
        try (ServiceApiClient client = connection.client()) {
            EnrollmentGroup current = client.group(enrollmentId);
            EnrollmentGroup changed = new EnrollmentGroup(current.enrollmentGroupId(),
                    change.groupAttestation(client.groupAttestation(enrollmentId)),
                    change.settings(current.settings()), current.revision());
            EnrollmentGroup updated = client.putGroup(changed, change.ifMatch(current.revision().etag()));
            output.print(Attestations.withKeys(client, updated).toJson());
        }
        return 0;
    }
}
