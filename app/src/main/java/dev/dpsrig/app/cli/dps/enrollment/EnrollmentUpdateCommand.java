package dev.dpsrig.app.cli.dps.enrollment;

import dev.dpsrig.app.cli.shared.ConnectionOptions;
import dev.dpsrig.app.cli.shared.OutputOptions;
import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.protocol.service.IndividualEnrollment;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dpsrig dps enrollment update}: changes the options given of an individual enrollment and keeps the rest, as
 * {@code az iot dps enrollment update} does: a certificate or CA name given replaces the one in its place (primary or
 * secondary) and the other is kept, and {@code --remove-certificate} or {@code --remove-secondary-certificate} empties
 * a place, a kept secondary becoming the primary. The change is written with {@code If-Match}: the etag given, else the one
 * read just before, so that a change made in between is refused (412) rather than overwritten.
 */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = {"Change an individual enrollment: the options given replace what it has, the rest is kept. Prints it, keys included.",
                "Written with If-Match: --etag, else the etag read just before, so a change made meanwhile is refused, not lost."})
final class EnrollmentUpdateCommand implements Callable<Integer> {
    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private OutputOptions output;

    @Mixin
    private EnrollmentChange change;

    @Option(names = "--enrollment-id", required = true, paramLabel = "ID", description = "The device's registration id.")
    private String enrollmentId;

    @Option(names = "--device-id", paramLabel = "ID", description = "The device id in the hub.")
    private Optional<String> deviceId = Optional.empty();


    @Override
    public Integer call() {
        try (ServiceApiClient client = connection.client()) {
            IndividualEnrollment current = client.enrollment(enrollmentId);
            IndividualEnrollment withKeys = current.withAttestation(client.enrollmentAttestation(enrollmentId));
            IndividualEnrollment changed = new IndividualEnrollment(current.registrationId(), deviceId.or(current::deviceId),
                    change.enrollmentAttestation(withKeys.attestation()),
                    change.settings(current.settings()), current.revision());
            IndividualEnrollment updated = client.putEnrollment(changed, change.ifMatch(current.revision().etag()));
            output.print(Attestations.withKeys(client, updated).toJson());
        }
        return 0;
    }
}
