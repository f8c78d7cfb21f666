package dev.dpsrig.app.cli.dps.enrollmentgroup;

import dev.dpsrig.app.cli.dps.enrollment.Attestations;
import dev.dpsrig.app.cli.dps.enrollment.EnrollmentSettings;
import dev.dpsrig.app.cli.shared.ConnectionOptions;
import dev.dpsrig.app.cli.shared.JsonOutput;
import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
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
        JsonObjectBuilder body = Jsonp.createObjectBuilder()
                .add("enrollmentGroupId", enrollmentId)
                .add("attestation", attestation());
        settings.addTo(body);
        try (ServiceApiClient client = connection.client()) {
            JsonObject created = client.putGroup(enrollmentId, body.build(), Optional.empty());
            JsonOutput.print(spec, Attestations.keysShown(created, () -> client.groupAttestation(enrollmentId)));
        }
        return 0;
    }

    private JsonObject attestation() {
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
            return Attestations.x509Certificates("signingCertificates", primary, secondaryCertificatePath);
        }
        if (references) {
            String primary = caName.orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "--secondary-ca-name needs --ca-name"));
            return Attestations.caReferences(primary, secondaryCaName);
        }
        return Attestations.symmetricKey(primaryKey, secondaryKey);
    }
}
