package dev.dpsrig.emulator.device;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The port between a device's {@link HubClient} (which retries, counts outcomes and keeps the timeline) and what carries
 * its messages to its hub: HTTPS ({@link HttpsHubLink}), MQTT, or a script in a test. A link makes one attempt and brings
 * back the hub's answer, authenticating the device as its transport does.
 */
public interface HubLink extends AutoCloseable {

    /** The hub as the device addresses it, {@code host[:port]}: its assigned hub. */
    String hostName();

    String deviceId();

    /** One attempt at delivering one message. */
    Delivery send(Telemetry message, Duration timeout) throws DeviceTransport.TransportFailure;

    /** One attempt at delivering the messages together: one batch request over HTTPS, an acknowledged publish each over MQTT. */
    Delivery sendBatch(List<Telemetry> messages, Duration timeout) throws DeviceTransport.TransportFailure;

    /** Whether the hub at {@code endpoint} (as a {@link DeviceTransport.TransportFailure} names it) has answered through this link. */
    boolean hasAnswered(String endpoint);

    /**
     * The oldest cloud-to-device message waiting for the device, now locked for it; empty when none waits.
     *
     * @throws HubRequestException when the hub refused the request
     */
    Optional<CloudMessage> receive(Duration timeout) throws DeviceTransport.TransportFailure;

    /**
     * Completes, rejects or abandons a received message.
     *
     * @throws HubRequestException when the hub refused it, or the transport cannot settle so
     */
    void settle(String lockToken, Settlement settlement, Duration timeout) throws DeviceTransport.TransportFailure;

    @Override
    void close();

    /** What becomes of a received cloud-to-device message. */
    enum Settlement {
        COMPLETE, REJECT, ABANDON
    }

    /**
     * The hub's answer to a delivery: accepted, or refused with its status, {@code iothub-errorcode}, message and the
     * {@code Retry-After} it asked for.
     */
    record Delivery(int status, Optional<String> errorCode, String message, Optional<String> retryAfter) {
        /** Accepted, as HTTPS says it (204) and as an MQTT PUBACK is counted. */
        public static final Delivery ACCEPTED = new Delivery(204, Optional.empty(), "", Optional.empty());

        public boolean accepted() {
            return status / 100 == 2;
        }
    }

    /** Opens the link of a device that has been assigned a hub. */
    @FunctionalInterface
    interface Opener {
        HubLink open(String hostName, String deviceId, DeviceAttestation credentials);
    }
}
