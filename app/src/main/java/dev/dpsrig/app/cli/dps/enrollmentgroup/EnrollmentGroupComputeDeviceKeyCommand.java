package dev.dpsrig.app.cli.dps.enrollmentgroup;

import dev.dpsrig.app.cli.shared.ConnectionOptions;
import dev.dpsrig.app.cli.shared.OutputOptions;
import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.SasTokenException;
import dev.dpsrig.protocol.SymmetricKeys;
import dev.dpsrig.protocol.service.AttestationMechanism;
import dev.dpsrig.protocol.service.SymmetricKeyAttestation;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dpsrig dps enrollment-group compute-device-key}: a member device's key, derived from its symmetric-key group's
 * primary key and its registration id as DPS derives it, printed as {@code az} prints it (a JSON string). With
 * {@code --key} it is computed from that key without asking the service.
 */
@Command(name = "compute-device-key", mixinStandardHelpOptions = true,
        description = {"Print the key of a device in a symmetric-key enrollment group: base64(HMAC-SHA256(group key,"
                + " registration id)), as a JSON string like az's.",
                "With --key, computed offline from that group key."})
final class EnrollmentGroupComputeDeviceKeyCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private OutputOptions output;

    @Option(names = {"--enrollment-id", "--eid"}, paramLabel = "GROUP",
            description = "The enrollment group whose primary key is used.")
    private Optional<String> enrollmentId = Optional.empty();

    @Option(names = {"--registration-id", "--rid"}, required = true, paramLabel = "ID", description = "The device's registration id.")
    private String registrationId;

    @Option(names = "--key", paramLabel = "BASE64", description = "The group's key, instead of asking the service for it.")
    private Optional<String> key = Optional.empty();

    @Override
    public Integer call() {
        if (key.isPresent() == enrollmentId.isPresent()) {
            throw new ParameterException(spec.commandLine(), "give either --enrollment-id (the key is read from the service) or --key");
        }
        String groupKey = key.orElseGet(this::groupKey);
        try {
            output.print(Jsonp.provider().createValue(SymmetricKeys.deriveDeviceKey(groupKey, registrationId)));
        } catch (SasTokenException e) {
            throw new ParameterException(spec.commandLine(), "--" + e.getMessage());
        }
        return 0;
    }

    private String groupKey() {
        String groupId = enrollmentId.orElseThrow();
        try (ServiceApiClient client = connection.client()) {
            AttestationMechanism attestation = client.groupAttestation(groupId);
            if (attestation instanceof SymmetricKeyAttestation keys && keys.primaryKey().isPresent()) {
                return keys.primaryKey().get();
            }
            throw new ParameterException(spec.commandLine(), "enrollment group '" + groupId + "' attests by "
                    + attestation.type() + ", not by symmetric key: its devices have no derived keys");
        }
    }
}
