package dev.dpsrig.simulator.dps;

import dev.dpsrig.protocol.RegistrationStatus;
import dev.dpsrig.protocol.Substatus;
import jakarta.json.JsonValue;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * The service's record of a device's registration: what DPS shows as {@code registrationState}.
 *
 * @param registrationId    as the device sent it (compared case-insensitively)
 * @param attestationType   {@code symmetricKey} or {@code x509}
 * @param enrollmentGroupId set when the device came in through a group
 * @param certificate       the X.509 leaf the device presented, for {@code x509.certificateInfo}
 * @param payload           what a custom allocation webhook returned for the device
 * @param firstAssignedHub  the hub of the device's first assignment, to recognise a return to it
 */
public record Registration(
        String registrationId,
        String deviceId,
        RegistrationStatus status,
        Optional<Substatus> substatus,
        Optional<String> assignedHub,
        Optional<Integer> errorCode,
        Optional<String> errorMessage,
        String attestationType,
        Optional<String> enrollmentGroupId,
        Optional<X509Certificate> certificate,
        Optional<JsonValue> payload,
        Optional<String> firstAssignedHub,
        Revision revision) {
}
