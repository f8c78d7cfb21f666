package dev.dpsrig.emulator.device;

import dev.dpsrig.protocol.dps.DeviceRegistration;
import java.time.Duration;
import java.util.Optional;

/**
 * The port between the registration state machine ({@link ProvisioningClient}) and what carries its
 * messages to DPS: HTTPS ({@link HttpsProvisioningLink}), MQTT beside it, or a script in a test. The
 * state machine decides what to send, when to retry and when to give up; a link only sends one
 * message and brings back the answer, authenticating the device as its transport does (a SAS header
 * per request, a client certificate at the handshake, a password at connect).
 */
public interface ProvisioningLink {
    /** Opens what one registration runs over, from register to the last poll: one connection, as a device keeps it. */
    Session open(DeviceAttestation attestation);

    /** Whether DPS at {@code endpoint} (as a {@link DeviceTransport.TransportFailure} names it) has answered through this link. */
    boolean hasAnswered(String endpoint);

    /** One registration's exchanges with DPS. */
    interface Session extends AutoCloseable {
        /** Register ({@code PUT .../register} over HTTPS). */
        Answer register(DeviceRegistration registration, Duration timeout) throws DeviceTransport.TransportFailure;

        /** Look up the operation ({@code GET .../operations/{id}} over HTTPS). */
        Answer operationStatus(String operationId, Duration timeout) throws DeviceTransport.TransportFailure;

        @Override
        void close();
    }

    /**
     * What DPS answered, whatever carried it: the status (HTTP's, or the one in an MQTT response topic), the
     * {@code Retry-After} it asked for, the body, and the request id the service gave it for tracking.
     */
    record Answer(int status, Optional<String> retryAfter, String text, Optional<String> requestId) {
    }
}
