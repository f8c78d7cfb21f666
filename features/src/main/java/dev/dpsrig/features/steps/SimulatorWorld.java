package dev.dpsrig.features.steps;

import dev.dpsrig.certs.Certificates;
import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.emulator.client.ServiceApiException;
import dev.dpsrig.emulator.client.ServiceConnectionString;
import dev.dpsrig.emulator.client.ServiceTrust;
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
import dev.dpsrig.features.board.BenchNetwork;
import dev.dpsrig.features.targeting.Target;
import dev.dpsrig.features.targeting.Targets;
import dev.dpsrig.simulator.http.LocalSimulator;
import dev.dpsrig.simulator.http.SimulatorConfig;
import jakarta.json.JsonObject;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.picocontainer.Disposable;

/**
 * What one scenario works with, injected into every step class: the target (the in-process simulator,
 * started on first use, on ephemeral ports, in memory; or a real DPS), the devices by name with their
 * outcomes and HTTP exchanges, and the certificate authorities a scenario creates. Enrollments are
 * made through the DPS service API on either target and deleted when the scenario ends.
 */
public final class SimulatorWorld implements Disposable {
    /** Devices poll quickly and give up sooner than real ones, so failing scenarios fail fast. */
    static final RetryPolicy SCENARIO_POLICY = RetryPolicy.DEFAULTS.withDeadline(Duration.ofSeconds(30))
            .withRequestTimeout(Duration.ofSeconds(10))
            .withPollBounds(Duration.ofMillis(200), Duration.ZERO, Duration.ofSeconds(5))
            .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(2), 0.25);

    private RetryPolicy policy = SCENARIO_POLICY;
    private final SimulatorConfig.Builder config = initialConfig();
    private LocalSimulator simulator;
    private DeviceTransport transport;
    private ProvisioningClient dps;
    private final Map<String, EmulatedDevice> devices = new LinkedHashMap<>();
    /** Concurrent: a fleet step registers its devices on many threads at once. */
    private final Map<String, RegistrationResult> results = new ConcurrentHashMap<>();
    private final Map<String, ProvisioningException> failures = new ConcurrentHashMap<>();
    private final Map<String, HeldCertificate> authorities = new LinkedHashMap<>();
    private final Map<String, String> keys = new LinkedHashMap<>();
    /** Read per scenario: the target is chosen per run through system properties (see {@link Targets}). */
    private final Target target = Targets.fromSystem();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private final List<DeviceTransport> ownTransports = new ArrayList<>();
    private ServiceApiClient service;
    private final List<String> enrollmentsMade = new ArrayList<>();
    private final List<String> groupsMade = new ArrayList<>();

    /**
     * Appended to every name on a real DPS so that runs, and people, sharing an instance never meet each
     * other's registrations; lower case because DPS compares registration ids without case.
     */
    static final String RUN_SUFFIX = Long.toString(System.currentTimeMillis(), 36)
            + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);

    /** Quick assignments; on a bench network (see {@link BenchNetwork}) bound where real boards reach it. */
    private static SimulatorConfig.Builder initialConfig() {
        SimulatorConfig.Builder config = SimulatorConfig.builder().assignmentDelay(Duration.ofMillis(100));
        BenchNetwork.from(System.getProperties()).ifPresent(bench -> bench.applyTo(config));
        return config;
    }

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
        if (dps != null) {
            dps = new ProvisioningClient(dps.endpoint(), transport, policy, Clock.systemUTC(), Waiter.SLEEPING);
        }
    }

    public LocalSimulator simulator() {
        if (!target.hasSimulatorControls()) {
            throw new AssertionError("this step needs the local simulator's controls, but the target is " + target.name()
                    + "; tag the scenario " + Targets.SIMULATOR_ONLY_TAG);
        }
        if (simulator == null) {
            simulator = LocalSimulator.start(config.build());
            transport = recordingTransport(List.of(simulator.trustedRoot()));
            dps = new ProvisioningClient(DpsEndpoint.of(simulator.globalEndpoint(), simulator.idScope(), List.of(simulator.trustedRoot())),
                    transport, policy, Clock.systemUTC(), Waiter.SLEEPING);
        }
        return simulator;
    }

    /** How this scenario's devices retry and when they give up. */
    public RetryPolicy policy() {
        return policy;
    }

    public Target target() {
        return target;
    }

    /**
     * The registration id (or device, group id) a scenario's name stands for: the name itself on the
     * simulator, the name with this run's suffix on a real DPS.
     */
    public String id(String name) {
        return switch (target) {
            case Target.LocalSimulator local -> name;
            case Target.Azure azure -> name.toLowerCase(Locale.ROOT) + "-" + RUN_SUFFIX;
        };
    }

    /** The DPS device endpoint of the target; starts the simulator if it is the target. */
    public DpsEndpoint dpsEndpoint() {
        connect();
        return dps.endpoint();
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

    /** The DPS service API of the target, authorized by its service connection string. */
    public ServiceApiClient service() {
        if (service == null) {
            service = switch (target) {
                case Target.LocalSimulator local -> new ServiceApiClient(ServiceConnectionString.parse(simulator().serviceConnectionString()),
                        ServiceTrust.only(List.of(simulator().trustedRoot())));
                case Target.Azure azure -> new ServiceApiClient(azure.settings().service(), ServiceTrust.jdkDefaultsPlus(List.of()));
            };
        }
        return service;
    }

    /** Creates or replaces an individual enrollment through the service API; it is deleted when the scenario ends. */
    public JsonObject enroll(JsonObject enrollment) {
        String registrationId = enrollment.getString("registrationId");
        JsonObject stored = service().putEnrollment(registrationId, enrollment, Optional.empty());
        enrollmentsMade.add(registrationId);
        return stored;
    }

    /** Creates or replaces an enrollment group through the service API; it is deleted when the scenario ends. */
    public JsonObject enrollGroup(JsonObject group) {
        String groupId = group.getString("enrollmentGroupId");
        JsonObject stored = service().putGroup(groupId, group, Optional.empty());
        groupsMade.add(groupId);
        return stored;
    }

    /**
     * Uploads a root CA certificate to the simulator, verified or not. A real DPS takes CA certificates
     * only through Azure Resource Manager with proof of possession, which its service API does not offer.
     */
    public void uploadCaCertificate(String name, X509Certificate root, boolean verified) {
        if (!target.hasSimulatorControls()) {
            throw new AssertionError("CA certificate '" + name + "' cannot be uploaded to a real DPS through its service API"
                    + " (it takes them through Azure Resource Manager); tag the scenario " + Targets.SIMULATOR_ONLY_TAG);
        }
        service().putCertificate(name, Certificates.toPem(root), verified, Optional.empty());
    }

    /** The target's registration record of a registration id, as the service API answers it; empty when there is none. */
    public Optional<JsonObject> registrationRecord(String registrationId) {
        try {
            return Optional.of(service().registration(registrationId));
        } catch (ServiceApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * A device that trusts only the given roots instead of the target's, on a transport of its own
     * (its exchanges are recorded all the same).
     */
    public EmulatedDevice deviceTrusting(String name, DeviceAttestation attestation, List<X509Certificate> roots) {
        DpsEndpoint endpoint = dpsEndpoint();
        DeviceTransport own = recordingTransport(roots);
        ownTransports.add(own);
        ProvisioningClient client = new ProvisioningClient(new DpsEndpoint(endpoint.globalEndpoint(), endpoint.idScope(), roots,
                endpoint.apiVersion()), own, policy, Clock.systemUTC(), Waiter.SLEEPING);
        EmulatedDevice device = new EmulatedDevice(attestation, client, own, policy, Clock.systemUTC(), Waiter.SLEEPING, name.hashCode());
        devices.put(name, device);
        return device;
    }

    private void connect() {
        switch (target) {
            case Target.LocalSimulator local -> simulator();
            case Target.Azure azure -> {
                if (dps == null) {
                    transport = recordingTransport(List.of());
                    dps = new ProvisioningClient(new DpsEndpoint(azure.settings().globalEndpoint(), azure.settings().idScope(), List.of(),
                            DpsEndpoint.DEFAULT_API_VERSION), transport, policy, Clock.systemUTC(), Waiter.SLEEPING);
                }
            }
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

    /**
     * On a real DPS what a scenario enrolled outlives it unless deleted; a failure to delete must not hide
     * the scenario's own outcome, so it is only reported.
     */
    private void deleteEnrollments() {
        if (service == null) {
            return;
        }
        try {
            for (String registrationId : enrollmentsMade) {
                deleteQuietly("enrollment " + registrationId, () -> service.deleteEnrollment(registrationId, Optional.empty()));
            }
            for (EmulatedDevice device : devices.values()) {
                deleteQuietly("registration " + device.registrationId(), () -> service.deleteRegistration(device.registrationId(), Optional.empty()));
            }
            for (String groupId : groupsMade) {
                deleteQuietly("enrollment group " + groupId, () -> service.deleteGroup(groupId, Optional.empty()));
            }
        } finally {
            service.close();
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
