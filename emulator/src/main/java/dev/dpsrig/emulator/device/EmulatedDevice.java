package dev.dpsrig.emulator.device;

import jakarta.json.JsonValue;
import java.time.Clock;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * One emulated device: its attestation, its timeline, and once registered, its hub. Cheap to hold:
 * the transport (and its connections) is shared; an X.509 device keeps only its held certificate. How it reaches DPS is
 * its {@link ProvisioningClient}'s link; how it reaches its hub, the {@link HubLink.Opener} it is given (HTTPS over the
 * shared transport unless told otherwise, e.g. {@code MqttHubLink.opener(...)}: a connection the device keeps until
 * {@link #close}).
 *
 * <pre>{@code
 * try (DeviceTransport transport = new DeviceTransport(List.of(simulator.trustedRoot()))) {
 *     ProvisioningClient dps = new ProvisioningClient(DpsEndpoint.of(simulator.globalEndpoint(), simulator.idScope(),
 *             List.of(simulator.trustedRoot())), transport);
 *     EmulatedDevice device = new EmulatedDevice(DeviceAttestation.SymmetricKey.fromGroupKey("sensor-1", groupKey), dps, 42);
 *     RegistrationResult result = device.register(Optional.empty());
 *     device.hub().send(Telemetry.text("{\"temperature\": 30}"), device.timeline(), device.random());
 * }
 * }</pre>
 */
public final class EmulatedDevice implements AutoCloseable {
    private final DeviceAttestation attestation;
    private final ProvisioningClient dps;
    private final HubLink.Opener hubs;
    private final RetryPolicy policy;
    private final Clock clock;
    private final Waiter waiter;
    private final Timeline timeline = new Timeline();
    private final SplittableRandom random;
    private volatile Optional<RegistrationResult> registration = Optional.empty();
    private HubClient hub;

    /** A device whose hub is reached through {@code hubs}. */
    public EmulatedDevice(DeviceAttestation attestation, ProvisioningClient dps, HubLink.Opener hubs, RetryPolicy policy,
                          Clock clock, Waiter waiter, long seed) {
        this.attestation = attestation;
        this.dps = dps;
        this.hubs = hubs;
        this.policy = policy;
        this.clock = clock;
        this.waiter = waiter;
        this.random = new SplittableRandom(seed);
    }

    /** A device whose hub is reached over HTTPS on {@code transport}. */
    public EmulatedDevice(DeviceAttestation attestation, ProvisioningClient dps, DeviceTransport transport, RetryPolicy policy,
                          Clock clock, Waiter waiter, long seed) {
        this(attestation, dps, HttpsHubLink.opener(transport, clock), policy, clock, waiter, seed);
    }

    public EmulatedDevice(DeviceAttestation attestation, ProvisioningClient dps, DeviceTransport transport, long seed) {
        this(attestation, dps, transport, RetryPolicy.DEFAULTS, Clock.systemUTC(), Waiter.SLEEPING, seed);
    }

    public String registrationId() {
        return attestation.registrationId();
    }

    public DeviceAttestation attestation() {
        return attestation;
    }

    public Timeline timeline() {
        return timeline;
    }

    /** This device's jitter and payload randomness: seeded, so a fleet run repeats exactly. */
    public SplittableRandom random() {
        return random;
    }

    public Optional<RegistrationResult> registration() {
        return registration;
    }

    /** @throws ProvisioningException when the registration does not end {@code assigned} */
    public RegistrationResult register(Optional<JsonValue> payload) throws InterruptedException {
        RegistrationResult result = dps.register(attestation, payload, timeline, random);
        registration = Optional.of(result);
        return result;
    }

    /** The assigned hub's device API for this device: one for as long as the registration stands. */
    public synchronized HubClient hub() {
        RegistrationResult result = registration.orElseThrow(() -> new IllegalStateException(
                "device '" + registrationId() + "' has not registered; call register() first"));
        if (hub == null || !hub.hostName().equals(result.assignedHub()) || !hub.deviceId().equals(result.deviceId())) {
            close();
            hub = new HubClient(hubs.open(result.assignedHub(), result.deviceId(), attestation), policy, clock, waiter);
        }
        return hub;
    }

    /** Lets go of the hub's link: an MQTT device disconnects. */
    @Override
    public synchronized void close() {
        if (hub != null) {
            hub.close();
            hub = null;
        }
    }
}
