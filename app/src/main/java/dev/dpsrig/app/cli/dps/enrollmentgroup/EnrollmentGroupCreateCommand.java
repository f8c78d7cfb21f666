package dev.dpsrig.app.cli.dps.enrollmentgroup;

import dev.dpsrig.app.cli.dps.enrollment.Attestations;
import dev.dpsrig.app.cli.dps.enrollment.EnrollmentSettings;
import dev.dpsrig.app.cli.shared.ConnectionOptions;
import dev.dpsrig.app.cli.shared.OutputOptions;
import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.protocol.service.AttestationMechanism;
import dev.dpsrig.protocol.service.EnrollmentGroup;
import dev.dpsrig.protocol.service.SymmetricKeyAttestation;
import dev.dpsrig.protocol.service.X509Attestation;
import dev.dpsrig.protocol.service.X509CaReferences;
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
        description = {"Create (or replace) an enrollment group and print it, keys included.",
                "X.509 with --certificate-path (a signing CA certificate held in the group) or --ca-name (a CA certificate"
                        + " uploaded with `dpsrig dps certificate create`); otherwise symmetric keys, generated unless given."})
final class EnrollmentGroupCreateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private OutputOptions output;

    @Mixin
    private EnrollmentSettings settings;

    @Option(names = "--enrollment-id", required = true, paramLabel = "ID", description = "The enrollment group id.")
    private String enrollmentId;

    @Option(names = "--certificate-path", paramLabel = "PEM", description = "X.509: the signing CA certificate (PEM or DER).")
    private Optional<Path> certificatePath = Optional.empty();

    @Option(names = "--secondary-certificate-path", paramLabel = "PEM", description = "X.509: a second signing CA certificate.")
    private Optional<Path> secondaryCertificatePath = Optional.empty();

    @Option(names = "--ca-name", paramLabel = "NAME", description = "X.509: the name of an uploaded, verified CA certificate.")
    private Optional<String> caName = Optional.empty();

    @Option(names = "--secondary-ca-name", paramLabel = "NAME", description = "X.509: a second uploaded CA certificate.")
    private Optional<String> secondaryCaName = Optional.empty();

    @Option(names = "--primary-key", paramLabel = "BASE64", description = "Symmetric key: the group's primary key (default: generated).")
    private Optional<String> primaryKey = Optional.empty();

    @Option(names = "--secondary-key", paramLabel = "BASE64", description = "Symmetric key: the group's secondary key (default: generated).")
    private Optional<String> secondaryKey = Optional.empty();

    @Override
    public Integer call() {
        EnrollmentGroup group = EnrollmentGroup.of(enrollmentId, attestation(), settings.toWire());
        try (ServiceApiClient client = connection.client()) {
            EnrollmentGroup created = client.putGroup(group, Optional.empty());
            output.print((Attestations.keysLeftOut(created.attestation())
                    ? created.withAttestation(client.groupAttestation(enrollmentId)) : created).toJson());
        }
        return 0;
    }

    private AttestationMechanism attestation() {
        boolean certificates = certificatePath.isPresent() || secondaryCertificatePath.isPresent();
        boolean references = caName.isPresent() || secondaryCaName.isPresent();
        boolean keys = primaryKey.isPresent() || secondaryKey.isPresent();
        if ((certificates ? 1 : 0) + (references ? 1 : 0) + (keys ? 1 : 0) > 1) {
            throw new ParameterException(spec.commandLine(),
                    "choose one attestation: --certificate-path, --ca-name, or --primary-key/--secondary-key");
        }
        if (certificates) {
            Path primary = certificatePath.orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "--secondary-certificate-path needs --certificate-path"));
            return X509Attestation.signingCertificates(Attestations.x509Certificates(primary, secondaryCertificatePath));
        }
        if (references) {
            String primary = caName.orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "--secondary-ca-name needs --ca-name"));
            return X509Attestation.caReferences(new X509CaReferences(primary, secondaryCaName));
        }
        return new SymmetricKeyAttestation(primaryKey, secondaryKey);
    }
}
