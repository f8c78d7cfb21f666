package dev.dpsrig.simulator.dps;

import dev.dpsrig.protocol.RegistrationStatus;
import dev.dpsrig.protocol.Substatus;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The service's record of a device's registration: what DPS shows as {@code registrationState}. What
 * every registration has is here; what it has because of where it stands is its {@link State}, so an
 * assigned registration always has a hub and a substatus, a failed one an error code, and neither has
 * the other's. The accessors below {@link #state} read the state as the wire shows it.
 *
 * @param registrationId    as the device sent it (compared case-insensitively)
 * @param attestationType   {@code symmetricKey} or {@code x509}
 * @param enrollmentGroupId set when the device came in through a group
 * @param certificate       the X.509 leaf the device presented, for {@code x509.certificateInfo}
 * @param firstAssignedHub  the hub of the device's first assignment, to recognise a return to it
 */
public record Registration(
        String registrationId,
        String deviceId,
        String attestationType,
        Optional<String> enrollmentGroupId,
        Optional<X509Certificate> certificate,
        Optional<String> firstAssignedHub,
        State state,
        Revision revision) {

    public Registration {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(revision, "revision");
    }

    /** Where a registration stands, with what only that standing has. */
    public sealed interface State {
        RegistrationStatus status();
    }

    /**
     * A register call is in progress; the device sees {@code assigning} until its operation is due.
     *
     * @param assignedHub the hub of the device's assignment before this call, shown until the outcome replaces it
     * @param operation   the operation that ends it, outcome decided; empty only when a restart found none
     *                    kept with the registration, or the one kept damaged
     */
    public record Assigning(Optional<String> assignedHub, Optional<Operation> operation) implements State {
        @Override
        public RegistrationStatus status() {
            return RegistrationStatus.ASSIGNING;
        }
    }

    /** @param payload what a custom allocation webhook returned for the device */
    public record Assigned(String assignedHub, Substatus substatus, Optional<RawJson> payload) implements State {
        public Assigned {
            Objects.requireNonNull(assignedHub, "assignedHub");
            Objects.requireNonNull(substatus, "substatus");
        }

        @Override
        public RegistrationStatus status() {
            return RegistrationStatus.ASSIGNED;
        }
    }

    public record Failed(int errorCode, String errorMessage) implements State {
        public Failed {
            Objects.requireNonNull(errorMessage, "errorMessage");
        }

        @Override
        public RegistrationStatus status() {
            return RegistrationStatus.FAILED;
        }
    }

    /** The device's enrollment or group is disabled; the message names which. */
    public record Disabled(String errorMessage) implements State {
        public Disabled {
            Objects.requireNonNull(errorMessage, "errorMessage");
        }

        @Override
        public RegistrationStatus status() {
            return RegistrationStatus.DISABLED;
        }
    }

    /** The same registration standing elsewhere, changed at that revision. */
    public Registration with(State newState, Revision newRevision) {
        return new Registration(registrationId, deviceId, attestationType, enrollmentGroupId, certificate, firstAssignedHub,
                newState, newRevision);
    }

    public Registration with(Revision newRevision) {
        return with(state, newRevision);
    }

    /**
     * The etag as DPS shows a registration state's: base64 of the quoted etag. Either form is accepted
     * back in an {@code If-Match}.
     */
    public String shownEtag() {
        return Base64.getEncoder().encodeToString(revision.etag().getBytes(StandardCharsets.UTF_8));
    }

    public RegistrationStatus status() {
        return state.status();
    }

    /** The hub the device is assigned to; while assigning, the one it had before. */
    public Optional<String> assignedHub() {
        return switch (state) {
            case Assigned assigned -> Optional.of(assigned.assignedHub());
            case Assigning assigning -> assigning.assignedHub();
            case Failed failed -> Optional.empty();
            case Disabled disabled -> Optional.empty();
        };
    }

    public Optional<Substatus> substatus() {
        return state instanceof Assigned assigned ? Optional.of(assigned.substatus()) : Optional.empty();
    }

    public Optional<Integer> errorCode() {
        return state instanceof Failed failed ? Optional.of(failed.errorCode()) : Optional.empty();
    }

    public Optional<String> errorMessage() {
        return switch (state) {
            case Failed failed -> Optional.of(failed.errorMessage());
            case Disabled disabled -> Optional.of(disabled.errorMessage());
            case Assigned assigned -> Optional.empty();
            case Assigning assigning -> Optional.empty();
        };
    }

    public Optional<RawJson> payload() {
        return state instanceof Assigned assigned ? assigned.payload() : Optional.empty();
    }
}
