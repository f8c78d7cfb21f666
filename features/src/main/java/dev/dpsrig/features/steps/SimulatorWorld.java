package dev.dpsrig.features.steps;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.emulator.client.ServiceApiException;
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
import jakarta.json.JsonObject;
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
 * What one scenario works with besides its target (see {@link ScenarioTarget}): the devices by name with their
 * outcomes and HTTP exchanges, and the certificate authorities a scenario creates. Enrollments are made
 * through the DPS service API on either target and deleted when the scenario ends.
 */
public final class SimulatorWorld implements Disposable {
    /** Devices poll quickly and give up sooner than real ones, so failing scenarios fail fast. */
    static final RetryPolicy SCENARIO_POLICY = RetryPolicy.DEFAULTS.withDeadline(Duration.ofSeconds(30))
            .withRequestTimeout(Duration.ofSeconds(10))
            .withPollBounds(Duration.ofMillis(200), Duration.ZERO, Duration.ofSeconds(5))
            .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(2), 0.25);

    private final ScenarioTarget target;
    private RetryPolicy policy = SCENARIO_POLICY;
    private DeviceTransport transport;
    private ProvisioningClient dps;
    private final Map<String, EmulatedDevice> devices = new LinkedHashMap<>();
    /** Concurrent: a fleet step registers its devices on many threads at once. */
    private final Map<String, RegistrationResult> results = new ConcurrentHashMap<>();
    private final Map<String, ProvisioningException> failures = new ConcurrentHashMap<>();
    private final Map<String, HeldCertificate> authorities = new LinkedHashMap<>();
    private final Map<String, String> keys = new LinkedHashMap<>();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private final List<DeviceTransport> ownTransports = new ArrayList<>();
    private final List<String> enrollmentsMade = new ArrayList<>();
    private final List<String> groupsMade = new ArrayList<>();

    public SimulatorWorld(ScenarioTarget target) {
        this.target = target;
    }

    /** The target these devices provision on, for step classes that make other step classes. */
    ScenarioTarget scenarioTarget() {
        return target;
    }

    /** Devices created from now on give up registering after this long. */
    public void deadline(Duration deadline) {
        policy = policy.withDeadline(deadline);
        if (dps != null) {
            dps = new ProvisioningClient(dps.endpoint(), transport, policy, Clock.systemUTC(), Waiter.SLEEPING);
        }
    }

    /** How this scenario's devices retry and when they give up. */
    public RetryPolicy policy() {
        return policy;
    }

    /** The transport devices use; every exchange on it is recorded for the scenario's report. */
    public DeviceTransport transport() {
        connect();
        return transport;
    }

    /** Every HTTP exchange devices made in this scenario, in order. */
    public List<Exchange> exchanges() {
        return exchanges;
    }

    /** Creates or replaces an individual enrollment through the service API; it is deleted when the scenario ends. */
    public JsonObject enroll(JsonObject enrollment) {
        String registrationId = enrollment.getString("registrationId");
        JsonObject stored = target.service().putEnrollment(registrationId, enrollment, Optional.empty());
        enrollmentsMade.add(registrationId);
        return stored;
    }

    /** Creates or replaces an enrollment group through the service API; it is deleted when the scenario ends. */
    public JsonObject enrollGroup(JsonObject group) {
        String groupId = group.getString("enrollmentGroupId");
        JsonObject stored = target.service().putGroup(groupId, group, Optional.empty());
        groupsMade.add(groupId);
        return stored;
    }

    /**
     * A device that trusts only the given roots instead of the target's, on a transport of its own
     * (its exchanges are recorded all the same).
     */
    public EmulatedDevice deviceTrusting(String name, DeviceAttestation attestation, List<X509Certificate> roots) {
        DpsEndpoint endpoint = target.dpsEndpoint();
        DeviceTransport own = recordingTransport(roots);
        ownTransports.add(own);
        ProvisioningClient client = new ProvisioningClient(new DpsEndpoint(endpoint.globalEndpoint(), endpoint.idScope(), roots,
                endpoint.apiVersion()), own, policy, Clock.systemUTC(), Waiter.SLEEPING);
        EmulatedDevice device = new EmulatedDevice(attestation, client, own, policy, Clock.systemUTC(), Waiter.SLEEPING, name.hashCode());
        devices.put(name, device);
        return device;
    }

    private void connect() {
        if (dps == null) {
            DpsEndpoint endpoint = target.dpsEndpoint();
            transport = recordingTransport(endpoint.trustedRoots());
            dps = new ProvisioningClient(endpoint, transport, policy, Clock.systemUTC(), Waiter.SLEEPING);
        }
    }

    /** Empty roots: the JDK's, as a device in the field trusts. */
    private DeviceTransport recordingTransport(List<X509Certificate> roots) {
        return new DeviceTransport(roots, DeviceTransport.ConnectionModel.SHARED_POOL, Duration.ofSeconds(10), exchanges::add);
    }

    public EmulatedDevice device(String name, DeviceAttestation attestation) {
        return device(name, attestation, policy);
    }

    /** A device that retries and gives up as {@code ownPolicy} says rather than as the scenario's devices do. */
    public EmulatedDevice device(String name, DeviceAttestation attestation, RetryPolicy ownPolicy) {
        connect();
        ProvisioningClient client = ownPolicy.equals(policy) ? dps
                : new ProvisioningClient(dps.endpoint(), transport, ownPolicy, Clock.systemUTC(), Waiter.SLEEPING);
        EmulatedDevice device = new EmulatedDevice(attestation, client, transport, ownPolicy, Clock.systemUTC(),
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
        deleteEnrollments();
        ownTransports.forEach(DeviceTransport::close);
        if (transport != null) {
            transport.close();
        }
    }

    /**
     * On a real DPS what a scenario enrolled outlives it unless deleted; a failure to delete must not hide
     * the scenario's own outcome, so it is only reported.
     */
    private void deleteEnrollments() {
        if (enrollmentsMade.isEmpty() && groupsMade.isEmpty() && devices.isEmpty()) {
            return;
        }
        ServiceApiClient service = target.service();
        for (String registrationId : enrollmentsMade) {
            deleteQuietly("enrollment " + registrationId, () -> service.deleteEnrollment(registrationId, Optional.empty()));
        }
        for (EmulatedDevice device : devices.values()) {
            deleteQuietly("registration " + device.registrationId(), () -> service.deleteRegistration(device.registrationId(), Optional.empty()));
        }
        for (String groupId : groupsMade) {
            deleteQuietly("enrollment group " + groupId, () -> service.deleteGroup(groupId, Optional.empty()));
        }
    }

    private static void deleteQuietly(String what, Runnable delete) {
        try {
            delete.run();
        } catch (ServiceApiException e) {
            if (e.status() != 404) {
                System.err.println("dpsrig: could not delete " + what + " after the scenario: " + e.getMessage());
            }
        } catch (RuntimeException e) {
            System.err.println("dpsrig: could not delete " + what + " after the scenario: " + e.getMessage());
        }
    }
}
