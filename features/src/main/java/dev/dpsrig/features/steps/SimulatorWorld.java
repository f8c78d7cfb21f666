package dev.dpsrig.features.steps;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.simulator.device.DeviceAttestation;
import dev.dpsrig.simulator.device.DeviceTransport;
import dev.dpsrig.simulator.device.DpsEndpoint;
import dev.dpsrig.simulator.device.EmulatedDevice;
import dev.dpsrig.simulator.device.ProvisioningClient;
import dev.dpsrig.simulator.device.ProvisioningException;
import dev.dpsrig.simulator.device.RegistrationResult;
import dev.dpsrig.simulator.device.RetryPolicy;
import dev.dpsrig.simulator.device.Waiter;
import dev.dpsrig.simulator.service.client.ServiceApiClient;
import dev.dpsrig.simulator.service.client.ServiceConnectionString;
import dev.dpsrig.simulator.service.client.ServiceTrust;
import dev.dpsrig.simulator.service.http.LocalSimulator;
import dev.dpsrig.simulator.service.http.SimulatorConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.picocontainer.Disposable;

/**
 * What one scenario works with, injected into every step class: the in-process simulator (started on
 * first use, on ephemeral ports, in memory), the devices by name with their outcomes, and the
 * certificate authorities a scenario creates. Disposed of after the scenario.
 */
public final class SimulatorWorld implements Disposable {
    /** Devices poll quickly and give up sooner than real ones, so failing scenarios fail fast. */
    static final RetryPolicy SCENARIO_POLICY = RetryPolicy.DEFAULTS.withDeadline(Duration.ofSeconds(30))
            .withRequestTimeout(Duration.ofSeconds(10))
            .withPollBounds(Duration.ofMillis(200), Duration.ZERO, Duration.ofSeconds(5))
            .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(2), 0.25);

    private RetryPolicy policy = SCENARIO_POLICY;
    private final SimulatorConfig.Builder config = SimulatorConfig.builder().assignmentDelay(Duration.ofMillis(100));
    private LocalSimulator simulator;
    private DeviceTransport transport;
    private ProvisioningClient dps;
    private final Map<String, EmulatedDevice> devices = new LinkedHashMap<>();
    private final Map<String, RegistrationResult> results = new LinkedHashMap<>();
    private final Map<String, ProvisioningException> failures = new LinkedHashMap<>();
    private final Map<String, HeldCertificate> authorities = new LinkedHashMap<>();
    private final Map<String, String> keys = new LinkedHashMap<>();

    /** Settings that must be chosen before the simulator starts (hubs, quota profile). */
    public SimulatorConfig.Builder config() {
        if (simulator != null) {
            throw new IllegalStateException("the simulator is already running; configure it before the first step that uses it");
        }
        return config;
    }

    /** Devices created from now on give up registering after this long. */
    public void deadline(Duration deadline) {
        policy = policy.withDeadline(deadline);
        if (simulator != null) {
            dps = new ProvisioningClient(dps.endpoint(), transport, policy, Clock.systemUTC(), Waiter.SLEEPING);
        }
    }

    public LocalSimulator simulator() {
        if (simulator == null) {
            simulator = LocalSimulator.start(config.build());
            transport = new DeviceTransport(List.of(simulator.trustedRoot()));
            dps = new ProvisioningClient(DpsEndpoint.of(simulator.globalEndpoint(), simulator.idScope(), List.of(simulator.trustedRoot())),
                    transport, policy, Clock.systemUTC(), Waiter.SLEEPING);
        }
        return simulator;
    }

    public EmulatedDevice device(String name, DeviceAttestation attestation) {
        simulator();
        EmulatedDevice device = new EmulatedDevice(attestation, dps, transport, policy, Clock.systemUTC(),
                Waiter.SLEEPING, name.hashCode());
        devices.put(name, device);
        return device;
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

    public Map<String, HeldCertificate> authorities() {
        return authorities;
    }

    /** Keys a scenario generated or read, by enrollment or group id. */
    public Map<String, String> keys() {
        return keys;
    }

    @Override
    public void dispose() {
        if (transport != null) {
            transport.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    /**
     * A client of the simulator's service API over real HTTPS, as {@code az iot dps} and the fleet
     * runner use it; the caller closes it.
     */
    public ServiceApiClient openServiceApi() {
        return new ServiceApiClient(ServiceConnectionString.parse(simulator().serviceConnectionString()),
                ServiceTrust.only(List.of(simulator().trustedRoot())));
    }
}
