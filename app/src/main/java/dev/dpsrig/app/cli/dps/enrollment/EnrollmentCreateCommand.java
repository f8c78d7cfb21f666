package dev.dpsrig.app.cli.dps.enrollment;

import dev.dpsrig.app.cli.shared.ConnectionOptions;
import dev.dpsrig.app.cli.shared.OutputOptions;
import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.protocol.service.AttestationMechanism;
import dev.dpsrig.protocol.service.IndividualEnrollment;
import dev.dpsrig.protocol.service.ResourceRevision;
import dev.dpsrig.protocol.service.SymmetricKeyAttestation;
import dev.dpsrig.protocol.service.X509Attestation;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Create (or replace) an individual enrollment and print it, keys included.",
                "x509: the device's own certificate; its CN must be the enrollment id. symmetrickey: keys are generated unless given."})
final class EnrollmentCreateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private OutputOptions output;

    @Mixin
    private EnrollmentSettings settings;

    @Option(names = "--enrollment-id", required = true, paramLabel = "ID", description = "The device's registration id.")
    private String enrollmentId;

    @Option(names = "--attestation-type", required = true, paramLabel = "symmetrickey|x509",
            converter = AttestationTypeChoice.Converter.class, description = "How the device proves who it is.")
    private AttestationTypeChoice attestationType;

    @Option(names = "--certificate-path", paramLabel = "PEM", description = "x509: the device certificate (PEM or DER).")
    private Optional<Path> certificatePath = Optional.empty();

    @Option(names = "--secondary-certificate-path", paramLabel = "PEM", description = "x509: a second device certificate.")
    private Optional<Path> secondaryCertificatePath = Optional.empty();

    @Option(names = "--primary-key", paramLabel = "BASE64", description = "symmetrickey: the primary key (default: generated).")
    private Optional<String> primaryKey = Optional.empty();

    @Option(names = "--secondary-key", paramLabel = "BASE64", description = "symmetrickey: the secondary key (default: generated).")
    private Optional<String> secondaryKey = Optional.empty();

    @Option(names = "--device-id", paramLabel = "ID", description = "The device id in the hub (default: the enrollment id).")
    private Optional<String> deviceId = Optional.empty();

    @Override
    public Integer call() {
        IndividualEnrollment enrollment = new IndividualEnrollment(enrollmentId, deviceId, attestation(), settings.toWire(),
                ResourceRevision.NONE);
        try (ServiceApiClient client = connection.client()) {
            IndividualEnrollment created = client.putEnrollment(enrollment, Optional.empty());
            output.print((Attestations.keysLeftOut(created.attestation())
                    ? created.withAttestation(client.enrollmentAttestation(enrollmentId)) : created).toJson());
        }
        return 0;
    }

    private AttestationMechanism attestation() {
        return switch (attestationType) {
            case SYMMETRIC_KEY -> {
                if (certificatePath.isPresent() || secondaryCertificatePath.isPresent()) {
                    throw new ParameterException(spec.commandLine(), "--certificate-path goes with --attestation-type x509");
                }
                yield new SymmetricKeyAttestation(primaryKey, secondaryKey);
            }
            case X509 -> {
                if (primaryKey.isPresent() || secondaryKey.isPresent()) {
                    throw new ParameterException(spec.commandLine(), "--primary-key and --secondary-key go with --attestation-type symmetrickey");
                }
                Path primary = certificatePath.orElseThrow(() -> new ParameterException(spec.commandLine(),
                        "--attestation-type x509 needs --certificate-path"));
                yield X509Attestation.clientCertificates(Attestations.x509Certificates(primary, secondaryCertificatePath));
            }
        };
    }
}
