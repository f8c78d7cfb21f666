package dev.dpsrig.features.steps;

import dev.dpsrig.certs.Certificates;
import dev.dpsrig.emulator.client.MqttSettings;
import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.emulator.client.ServiceApiException;
import dev.dpsrig.emulator.client.ServiceTrust;
import dev.dpsrig.emulator.device.DpsEndpoint;
import dev.dpsrig.features.board.BenchNetwork;
import dev.dpsrig.features.targeting.Target;
import dev.dpsrig.features.targeting.Targets;
import dev.dpsrig.protocol.settings.ServiceConnectionString;
import dev.dpsrig.simulator.dps.Hub;
import dev.dpsrig.simulator.hub.SimulatedHub;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import jakarta.json.JsonObject;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.picocontainer.Disposable;

/**
 * The DPS one scenario runs against: the in-process simulator, started by the first step that needs it, on
 * ephemeral ports, in memory; or a real DPS, chosen per run (see {@link Targets}). It holds where devices
 * provision, which roots they trust, the target's service API, and on the simulator its controls.
 */
public final class ScenarioTarget implements Disposable {
    /**
     * Appended to every name on a real DPS so that runs, and people, sharing an instance never meet each
     * other's registrations; lower case because DPS compares registration ids without case.
     */
    static final String RUN_SUFFIX = Long.toString(System.currentTimeMillis(), 36)
            + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);

    /** Read per scenario: the target is chosen per run through system properties. */
    private final Target target = Targets.fromSystem();
    private final SimulatorConfig.Builder config = initialConfig();
    private LocalSimulator simulator;
    private DpsEndpoint endpoint;
    private ServiceApiClient service;

    /** Quick assignments; on a bench network (see {@link BenchNetwork}) bound where real boards reach it. */
    private static SimulatorConfig.Builder initialConfig() {
        SimulatorConfig.Builder config = SimulatorConfig.builder().assignmentDelay(Duration.ofMillis(100));
        BenchNetwork.from(System.getProperties()).ifPresent(bench -> bench.applyTo(config));
        return config;
    }

    /** Which DPS this is, for a step that words its failure, or behaves, differently on each. */
    public Target target() {
        return target;
    }

    /** Settings that must be chosen before the simulator starts (hubs, quota profile). */
    public SimulatorConfig.Builder config() {
        if (simulator != null) {
            throw new IllegalStateException("the simulator is already running; configure it before the first step that uses it");
        }
        return config;
    }

    /** The local simulator with its controls (hubs, fault plan, quotas, records); a scenario on a real DPS has none. */
    public LocalSimulator simulator() {
        if (!target.hasSimulatorControls()) {
            throw new AssertionError("this step needs the local simulator's controls, but the target is " + target.name()
                    + "; tag the scenario " + Targets.SIMULATOR_ONLY_TAG);
        }
        if (simulator == null) {
            simulator = LocalSimulator.start(config.build());
        }
        return simulator;
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

    /**
     * Where the scenario's devices provision and the roots they trust: the simulator's own root, or on a real
     * DPS the JDK's, as a device in the field trusts. Starts the simulator if it is the target.
     */
    public DpsEndpoint dpsEndpoint() {
        if (endpoint == null) {
            endpoint = switch (target) {
                case Target.LocalSimulator local -> DpsEndpoint.of(simulator().globalEndpoint(), simulator().idScope(),
                        List.of(simulator().trustedRoot()));
                case Target.Azure azure -> new DpsEndpoint(azure.settings().globalEndpoint(), azure.settings().idScope(), List.of(),
                        DpsEndpoint.DEFAULT_API_VERSION);
            };
        }
        return endpoint;
    }

    /**
     * Where devices reach DPS and the hubs over MQTT: the simulator's MQTT listeners, or on a real DPS Azure's ports on
     * the hosts devices are given.
     */
    public MqttSettings mqttSettings() {
        return switch (target) {
            case Target.LocalSimulator local -> new MqttSettings(Optional.of(simulator().dpsMqttEndpoint()),
                    Optional.of(simulator().dpsMqttWebSocketEndpoint()), hubEndpoints(simulator()::hubMqttEndpoint),
                    hubEndpoints(simulator()::hubMqttWebSocketEndpoint));
            case Target.Azure azure -> MqttSettings.NONE;
        };
    }

    private Map<String, String> hubEndpoints(UnaryOperator<String> byName) {
        return simulator().hubs().stream().collect(Collectors.toMap(Hub::hostName, hub -> byName.apply(hub.name())));
    }

    /** The DPS service API of the target, authorized by its service connection string; closed when the scenario ends. */
    public ServiceApiClient service() {
        if (service == null) {
            service = switch (target) {
                case Target.LocalSimulator local -> openServiceApi();
                case Target.Azure azure -> new ServiceApiClient(azure.settings().service(), ServiceTrust.jdkDefaultsPlus(List.of()));
            };
        }
        return service;
    }

    /**
     * A client of the simulator's service API over real HTTPS, as {@code az iot dps} and the fleet
     * runner use it; the caller closes it.
     */
    public ServiceApiClient openServiceApi() {
        return new ServiceApiClient(ServiceConnectionString.parse(simulator().serviceConnectionString()),
                ServiceTrust.only(List.of(simulator().trustedRoot())));
    }

    /** The target's registration record of a registration id, as the service API answers it; empty when there is none. */
    public Optional<JsonObject> registrationRecord(String registrationId) {
        try {
            return Optional.of(service().registration(registrationId).toJson());
        } catch (ServiceApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
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

    /** The simulated hub a device was told to use, found by the host name DPS gave it. */
    public SimulatedHub hubAt(String hostName) {
        return simulator().iotHubs().stream().filter(hub -> hub.hub().hostName().equalsIgnoreCase(hostName)).findFirst()
                .orElseThrow(() -> new AssertionError("no simulated hub at " + hostName));
    }

    @Override
    public void dispose() {
        if (service != null) {
            service.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }
}
