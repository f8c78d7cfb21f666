package dev.dpsrig.app.cli.dps.enrollment;

import dev.dpsrig.app.cli.shared.ConnectionOptions;
import dev.dpsrig.app.cli.shared.OutputOptions;
import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.protocol.service.IndividualEnrollment;
import dev.dpsrig.protocol.service.ResourceRevision;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Create (or replace) an individual enrollment and print it, keys included.",
                "x509: the device's own certificate (its CN must be the enrollment id), or --ca-name: an uploaded, verified CA"
                        + " certificate that signed it. symmetrickey: keys are generated unless given."})
final class EnrollmentCreateCommand implements Callable<Integer> {
    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private OutputOptions output;

    @Mixin
    private EnrollmentSettings settings;

    @Mixin
    private AttestationOptions attestation;

    @Option(names = "--enrollment-id", required = true, paramLabel = "ID", description = "The device's registration id.")
    private String enrollmentId;

    @Option(names = "--attestation-type", required = true, paramLabel = "symmetrickey|x509",
            converter = AttestationTypeChoice.Converter.class, description = "How the device proves who it is.")
    private AttestationTypeChoice attestationType;

    @Option(names = "--device-id", paramLabel = "ID", description = "The device id in the hub (default: the enrollment id).")
    private Optional<String> deviceId = Optional.empty();

    @Override
    public Integer call() {
        IndividualEnrollment enrollment = new IndividualEnrollment(enrollmentId, deviceId, attestation.forCreate(attestationType),
                settings.toWire(), ResourceRevision.NONE);
        try (ServiceApiClient client = connection.client()) {
            output.print(Attestations.withKeys(client, client.putEnrollment(enrollment, Optional.empty())).toJson());
        }
        return 0;
    }
}
