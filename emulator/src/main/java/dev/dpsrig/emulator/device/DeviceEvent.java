package dev.dpsrig.emulator.device;

import dev.dpsrig.protocol.RegistrationStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * One step of a device's life, with when it happened: the pieces of its timeline. Registration steps
 * come in pairs (sent, answered), so a timeline shows where the time went.
 */
public sealed interface DeviceEvent {

    Instant at();

    String registrationId();

    /** One line for a printed timeline. */
    String describe();

    record RegisterSent(Instant at, String registrationId, int attempt) implements DeviceEvent {
        @Override
        public String describe() {
            return "register sent (attempt " + attempt + ")";
        }
    }

    record RegisterAnswered(Instant at, String registrationId, int httpStatus, RegistrationStatus status, String operationId)
            implements DeviceEvent {
        @Override
        public String describe() {
            return "register answered " + httpStatus + ": " + status.wireName() + " (operation " + operationId + ")";
        }
    }

    record PollScheduled(Instant at, String registrationId, Duration delay, String retryAfter) implements DeviceEvent {
        @Override
        public String describe() {
            return "poll in " + delay.toMillis() + " ms (Retry-After: " + retryAfter + ")";
        }
    }

    record StatusSeen(Instant at, String registrationId, int httpStatus, RegistrationStatus status) implements DeviceEvent {
        @Override
        public String describe() {
            return "status " + status.wireName() + " (" + httpStatus + ")";
        }
    }

    /** A request failed in a way worth retrying; the device waits {@code wait} first. */
    record RetryScheduled(Instant at, String registrationId, String step, String reason, Duration delay) implements DeviceEvent {
        @Override
        public String describe() {
            return "retry " + step + " in " + delay.toMillis() + " ms: " + reason;
        }
    }

    /** A poll answer without an operation id: the device starts over with a new register. */
    record Reregistering(Instant at, String registrationId, String reason) implements DeviceEvent {
        @Override
        public String describe() {
            return "registering again: " + reason;
        }
    }

    record Assigned(Instant at, String registrationId, String assignedHub, String deviceId, String substatus) implements DeviceEvent {
        @Override
        public String describe() {
            return "assigned to " + assignedHub + " as " + deviceId + " (" + substatus + ")";
        }
    }

    record RegistrationFailed(Instant at, String registrationId, String reason) implements DeviceEvent {
        @Override
        public String describe() {
            return "registration failed: " + reason;
        }
    }

    record MessageSent(Instant at, String registrationId, int messages, int httpStatus, Duration latency) implements DeviceEvent {
        @Override
        public String describe() {
            return messages + " message(s) acknowledged " + httpStatus + " after " + latency.toMillis() + " ms";
        }
    }

    record MessageFailed(Instant at, String registrationId, int messages, String reason) implements DeviceEvent {
        @Override
        public String describe() {
            return messages + " message(s) failed: " + reason;
        }
    }
}
