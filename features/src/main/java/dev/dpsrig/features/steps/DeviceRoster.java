package dev.dpsrig.features.steps;

import dev.dpsrig.emulator.client.MqttSettings;
import dev.dpsrig.emulator.device.DeviceAttestation;
import dev.dpsrig.emulator.device.DeviceTransport;
import dev.dpsrig.emulator.device.DpsEndpoint;
import dev.dpsrig.emulator.device.EmulatedDevice;
import dev.dpsrig.emulator.device.Exchange;
import dev.dpsrig.emulator.device.ProvisioningClient;
import dev.dpsrig.emulator.device.ProvisioningException;
import dev.dpsrig.emulator.device.RegistrationResult;
import dev.dpsrig.emulator.device.RetryPolicy;
import dev.dpsrig.emulator.device.Waiter;
import jakarta.json.JsonValue;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.picocontainer.Disposable;

/**
 * The emulated devices of one scenario, by the names its steps give them: how they retry, the outcome of
 * each one's last registration, and every HTTP exchange they made, so that any step can show the evidence
 * of a device when its expectation fails.
 */
public final class DeviceRoster implements Disposable {
    /** Devices poll quickly and give up sooner than real ones, so failing scenarios fail fast. */
    static final RetryPolicy SCENARIO_POLICY = RetryPolicy.DEFAULTS.withDeadline(Duration.ofSeconds(30))
            .withRequestTimeout(Duration.ofSeconds(10))
            .withPollBounds(Duration.ofMillis(200), Duration.ZERO, Duration.ofSeconds(5))
            .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(2), 0.25);

    private final ScenarioTarget target;
    private final ScenarioTransport over;
    private RetryPolicy policy = SCENARIO_POLICY;
    private DeviceTransport transport;
    private final List<DeviceTransport> ownTransports = new ArrayList<>();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private final Map<String, EmulatedDevice> devices = new LinkedHashMap<>();
    /** Concurrent: a fleet step registers its devices on many threads at once. */
    private final Map<String, RegistrationResult> results = new ConcurrentHashMap<>();
    private final Map<String, ProvisioningException> failures = new ConcurrentHashMap<>();

    public DeviceRoster(ScenarioTarget target, ScenarioTransport over) {
        this.target = target;
        this.over = over;
    }

    /** The transport this scenario's devices use. */
    public ScenarioTransport over() {
        return over;
    }

    /** Devices created from now on give up registering after this long. */
    public void deadline(Duration deadline) {
        policy = policy.withDeadline(deadline);
    }

    /** How this scenario's devices retry and when they give up. */
    public RetryPolicy policy() {
        return policy;
    }

    /** The transport devices use, trusting the target's roots; every exchange on it is recorded for the scenario's report. */
    public DeviceTransport transport() {
        if (transport == null) {
            transport = recordingTransport(target.dpsEndpoint().trustedRoots());
        }
        return transport;
    }

    /** Every HTTP exchange devices made in this scenario, in order. */
    public List<Exchange> exchanges() {
        return exchanges;
    }

    /** A new device of this name on the target, retrying as the scenario's devices do. */
    public EmulatedDevice newDevice(String name, DeviceAttestation attestation) {
        return newDevice(name, attestation, policy);
    }

    /** A device that retries and gives up as {@code ownPolicy} says rather than as the scenario's devices do. */
    public EmulatedDevice newDevice(String name, DeviceAttestation attestation, RetryPolicy ownPolicy) {
        return enlist(name, attestation, target.dpsEndpoint(), transport(), ownPolicy);
    }

    /**
     * A device that trusts only the given roots instead of the target's, on a transport of its own
     * (its exchanges are recorded all the same).
     */
    public EmulatedDevice newDeviceTrusting(String name, DeviceAttestation attestation, List<X509Certificate> roots) {
        DpsEndpoint endpoint = target.dpsEndpoint();
        DeviceTransport own = recordingTransport(roots);
        ownTransports.add(own);
        return enlist(name, attestation, new DpsEndpoint(endpoint.globalEndpoint(), endpoint.idScope(), roots, endpoint.apiVersion()),
                own, policy);
    }

    public EmulatedDevice device(String name) {
        EmulatedDevice device = devices.get(name);
        if (device == null) {
            throw new AssertionError("no device '" + name + "' in this scenario; the devices are " + devices.keySet());
        }
        return device;
    }

    public Map<String, EmulatedDevice> devices() {
        return devices;
    }

    /** A new device of this name registers once, with an optional payload; its outcome is recorded, a refusal included. */
    public void register(String name, DeviceAttestation attestation, Optional<JsonValue> payload) {
        register(name, newDevice(name, attestation), payload);
    }

    /** The device of this name registers (again, if it did before), keeping its timeline; its outcome is recorded. */
    public void register(String name) {
        register(name, device(name), Optional.empty());
    }

    public void recordResult(String name, RegistrationResult result) {
        results.put(name, result);
        failures.remove(name);
    }

    public void recordFailure(String name, ProvisioningException failure) {
        failures.put(name, failure);
        results.remove(name);
    }

    public Optional<RegistrationResult> result(String name) {
        return Optional.ofNullable(results.get(name));
    }

    public Optional<ProvisioningException> failure(String name) {
        return Optional.ofNullable(failures.get(name));
    }

    /** The device's assignment; its evidence when it has none. */
    public RegistrationResult assigned(String name) {
        return result(name).orElseThrow(() -> new AssertionError("device '" + name + "' is not assigned: " + evidence(name)));
    }

    /** What a failed expectation shows: the outcome, the device's last answer and its timeline. */
    public String evidence(String name) {
        String outcome = result(name).map(r -> "assigned to " + r.assignedHub() + " as " + r.deviceId())
                .or(() -> failure(name).map(f -> f.reason() + " " + f.httpStatus() + " " + f.getMessage()))
                .orElse("not registered");
        String registrationId = device(name).registrationId();
        String lastAnswer = exchanges.reversed().stream().filter(exchange -> exchange.url().contains(registrationId))
                .findFirst().map(exchange -> exchange.answer().map(answer -> answer.status() + " " + ExchangeLog.redact(answer.text()))
                        .orElse("none (" + exchange.failure().orElse("") + ")"))
                .orElse("none");
        return "device '" + name + "' (" + outcome + "), last answer: " + lastAnswer + "\ntimeline:\n"
                + device(name).timeline().print();
    }

    @Override
    public void dispose() {
        devices.values().forEach(EmulatedDevice::close);
        ownTransports.forEach(DeviceTransport::close);
        if (transport != null) {
            transport.close();
        }
    }

    private void register(String name, EmulatedDevice device, Optional<JsonValue> payload) {
        try {
            recordResult(name, device.register(payload));
        } catch (ProvisioningException e) {
            recordFailure(name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while '" + name + "' registered", e);
        }
    }

    /**
     * The one place a scenario's device gets its provisioning client and hub link: where it provisions, over the scenario's
     * transport (HTTPS on {@code https}, or MQTT), retrying how.
     */
    private EmulatedDevice enlist(String name, DeviceAttestation attestation, DpsEndpoint endpoint, DeviceTransport https,
                                  RetryPolicy retrying) {
        DeviceLinks links = new DeviceLinks(over.transport(), over.mqtt() ? target.mqttSettings() : MqttSettings.NONE);
        ProvisioningClient client = new ProvisioningClient(endpoint, links.provisioning(endpoint, https), retrying, Clock.systemUTC(),
                Waiter.SLEEPING);
        EmulatedDevice device = new EmulatedDevice(attestation, client, links.hubs(endpoint, https), retrying, Clock.systemUTC(),
                Waiter.SLEEPING, name.hashCode());
        devices.put(name, device);
        return device;
    }

    /** Empty roots: the JDK's, as a device in the field trusts. */
    private DeviceTransport recordingTransport(List<X509Certificate> roots) {
        return new DeviceTransport(roots, DeviceTransport.ConnectionModel.SHARED_POOL, Duration.ofSeconds(10), exchanges::add);
    }
}
