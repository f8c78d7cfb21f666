package dev.dpsrig.simulator.server;

import dev.dpsrig.protocol.settings.DevSettingsDocument;
import dev.dpsrig.protocol.settings.ServiceConnectionString;
import dev.dpsrig.simulator.admin.FaultAdminRoutes;
import dev.dpsrig.simulator.admin.HubAdminRoutes;
import dev.dpsrig.simulator.dps.Hub;
import dev.dpsrig.simulator.dps.HubRegistry;
import dev.dpsrig.simulator.dps.ProvisioningService;
import dev.dpsrig.simulator.fault.FaultInjector;
import dev.dpsrig.simulator.fault.FaultPlan;
import dev.dpsrig.simulator.http.HttpListeners;
import dev.dpsrig.simulator.http.InProcessDps;
import dev.dpsrig.simulator.http.JdkAllocationWebhook;
import dev.dpsrig.simulator.http.ServiceAuthorization;
import dev.dpsrig.simulator.hub.SimulatedHub;
import dev.dpsrig.simulator.quota.QuotaProfile;
import dev.dpsrig.simulator.quota.Quotas;
import io.helidon.webserver.ListenerConfig;
import io.helidon.webserver.WebServer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The local DPS (device and service API on one port) and its linked hubs (a port each), over
 * HTTPS with the simulator's development TLS identity. Start it in-process for tests, or through
 * {@code dpsrig serve}; close it to stop.
 *
 * <pre>{@code
 * try (LocalSimulator simulator = LocalSimulator.start(SimulatorConfig.forTests())) {
 *     simulator.globalEndpoint();        // "localhost:41233" here; "127.0.0.1" in the SDK-compatible layout
 *     simulator.service().putEnrollment(...);
 * }
 * }</pre>
 *
 * <p>One class over 300 lines on purpose: {@link #start} is the one place every part is wired in
 * order (stored state, listeners, domain, hubs), and the rest are the accessors its users read.
 */
public final class LocalSimulator implements AutoCloseable {
    private final WebServer server;
    private final HttpListeners listeners;
    private final InProcessDps service;
    private final Map<String, SimulatedHub> iotHubs;
    private final FaultPlan faults;
    private final AtomicReference<Quotas> quotas;
    private final SimulatorConfig config;
    private final DevelopmentTls tls;
    private final DataDirectory dataDirectory;

    private LocalSimulator(WebServer server, HttpListeners listeners, InProcessDps service, Map<String, SimulatedHub> iotHubs,
                           FaultPlan faults, AtomicReference<Quotas> quotas, SimulatorConfig config, DevelopmentTls tls,
                           DataDirectory dataDirectory) {
        this.server = server;
        this.listeners = listeners;
        this.service = service;
        this.iotHubs = Map.copyOf(iotHubs);
        this.faults = faults;
        this.quotas = quotas;
        this.config = config;
        this.tls = tls;
        this.dataDirectory = dataDirectory;
    }

    public static LocalSimulator start(SimulatorConfig config) {
        EndpointLayout.Listener dps = config.layout.dps();
        List<EndpointLayout.Listener> hubListeners = new ArrayList<>();
        for (int i = 0; i < config.hubs.size(); i++) {
            hubListeners.add(config.layout.hub(i, config.hubs.get(i)));
        }
        ListenerPorts.checkPortFree(dps, "DPS");
        for (int i = 0; i < config.hubs.size(); i++) {
            ListenerPorts.checkPortFree(hubListeners.get(i), "hub " + config.hubs.get(i).name());
        }
        DataDirectory dataDirectory = DataDirectory.of(config.dataDirectory);
        List<String> tlsNames = new ArrayList<>(config.tlsNames);
        tlsNames.add(dps.advertisedHost());
        hubListeners.forEach(hub -> tlsNames.add(hub.advertisedHost()));
        DevelopmentTls tls = DevelopmentTls.loadOrCreate(config.tlsDirectory.orElse(dataDirectory.tlsDirectory()), tlsNames);
        FaultPlan faults = new FaultPlan(config.clock);
        faults.addAll(config.faultRules);
        AtomicReference<Quotas> quotas = new AtomicReference<>(new Quotas(config.quotaProfile, config.clock));

        // Everything stored is read before the ports listen; only building the DPS and the hubs over it
        // waits for the hubs' bound ports, and a request arriving meanwhile waits at the gate.
        DataDirectory.StoredState stored = dataDirectory.load(config.keepState,
                config.hubs.stream().map(SimulatorConfig.HubSpec::name).toList(), config);
        AtomicReference<InProcessDps> ready = new AtomicReference<>();
        AtomicReference<ProvisioningService> domain = new AtomicReference<>();
        AtomicReference<String> dpsAuthority = new AtomicReference<>();
        Map<String, AtomicReference<SimulatedHub>> hubsReady = new LinkedHashMap<>();
        Map<String, SimulatedHub> hubsOnline = new ConcurrentHashMap<>();
        FaultInjector injector = FaultInjector.of(faults, call -> quotas.get().admit(call));
        HttpListeners listeners = new HttpListeners(tls.server(), injector, config.connectionLimits, config.clock,
                config.strictApiVersions, config.requestLog);
        ServiceAuthorization authorization = new ServiceAuthorization(
                SimulatorConfig.SERVICE_POLICY, config.serviceKey, dps.advertisedHost(), config.clock);
        ServiceAuthorization admin = adminAuthorization(config, authorization, dps.advertisedHost());
        FaultAdminRoutes faultAdmin = new FaultAdminRoutes(faults, quotas, config.clock, listeners.dpsResponses(), admin);
        HubAdminRoutes hubAdmin = new HubAdminRoutes(name -> Optional.ofNullable(hubsOnline.get(name)),
                () -> config.hubs.stream().map(hub -> hubsOnline.get(hub.name())).filter(Objects::nonNull).toList(),
                listeners.dpsResponses(), admin);
        Consumer<ListenerConfig.BuilderBase<?, ?>> dpsEndpoint = listener -> listeners.dps(listener, ready::get, domain::get, dpsAuthority::get,
                authorization, routes -> {
                    faultAdmin.routing(routes);
                    hubAdmin.routing(routes);
                });
        ServerSockets sockets = new ServerSockets(dps, dpsEndpoint);
        for (int i = 0; i < config.hubs.size(); i++) {
            String hub = config.hubs.get(i).name();
            AtomicReference<SimulatedHub> hubReady = new AtomicReference<>();
            hubsReady.put(hub, hubReady);
            sockets.hub(hub, hubListeners.get(i), socket -> listeners.hub(socket, hub, hubReady::get));
            sockets.hubMqtt(hub, config.layout.hubMqtt(i, config.hubs.get(i)), listeners, hubReady::get);
        }
        sockets.dpsMqtt(config.layout.dpsMqtt(), listeners, domain::get);
        WebServer server = sockets.start();
        List<String> unbound = sockets.unbound(server);
        if (!unbound.isEmpty()) {
            server.stop();
            stored.closeLogs();
            listeners.close();
            dataDirectory.removeIfTemporary();
            throw new IllegalStateException("the simulator could not listen for " + String.join(", ", unbound));
        }

        List<Hub> hubs = new ArrayList<>();
        for (int i = 0; i < config.hubs.size(); i++) {
            SimulatorConfig.HubSpec hub = config.hubs.get(i);
            hubs.add(new Hub(hub.name(), hubListeners.get(i).authority(ServerSockets.hubPort(server, hub.name())),
                    hub.weight(), hub.latency()));
        }
        dpsAuthority.set(dps.authority(server.port()));
        domain.set(new ProvisioningService(config.idScope, hubs, stored.dps(), config.clock,
                config.assignmentDelay, new JdkAllocationWebhook(tls.root().certificate())));
        InProcessDps service = new InProcessDps(domain.get());
        ready.set(service);
        Map<String, SimulatedHub> simulatedHubs = new LinkedHashMap<>();
        for (HubRegistry registry : service.hubs()) {
            String name = registry.hub().name();
            SimulatedHub hub = new SimulatedHub(registry, stored.hubs().get(name), config.clock);
            simulatedHubs.put(name, hub);
            hubsReady.get(name).set(hub);
            hubsOnline.put(name, hub);
        }
        listeners.open();
        LocalSimulator simulator = new LocalSimulator(server, listeners, service, simulatedHubs, faults, quotas, config, tls, dataDirectory);
        dataDirectory.writeSettings(simulator.devSettings().toString());
        return simulator;
    }

    /** The admin API's key check: the service's own unless the admin API has a key of its own. */
    private static ServiceAuthorization adminAuthorization(SimulatorConfig config, ServiceAuthorization service, String dpsHost) {
        return config.adminKey.equals(config.serviceKey) ? service : new ServiceAuthorization(
                SimulatorConfig.SERVICE_POLICY, config.adminKey, "the admin key (dpsrig serve --admin-key; adminKey in dev-settings.json)",
                dpsHost, config.clock);
    }

    public InProcessDps service() {
        return service;
    }

    public int dpsPort() {
        return server.port();
    }

    /** The port of the DPS device API over MQTT: 8883 in the SDK-compatible layout. */
    public int dpsMqttPort() {
        return ServerSockets.dpsMqttPort(server);
    }

    /** Where MQTT devices connect to DPS: {@code host:port}, since MQTT has no default port a client could leave out. */
    public String dpsMqttEndpoint() {
        return config.layout.dpsMqtt().advertisedHost() + ":" + dpsMqttPort();
    }

    /** Where MQTT devices connect to the hub named {@code hub}: {@code host:port}, port 8883 in the SDK-compatible layout. */
    public String hubMqttEndpoint(String hub) {
        int index = config.hubs.stream().map(SimulatorConfig.HubSpec::name).toList().indexOf(hub);
        if (index < 0) {
            throw new IllegalArgumentException("no hub named '" + hub + "'; the hubs are " + iotHubs.keySet());
        }
        return config.layout.hubMqtt(index, config.hubs.get(index)).advertisedHost() + ":" + ServerSockets.hubMqttPort(server, hub);
    }

    /**
     * Where MQTT devices open a WebSocket to DPS: {@code wss://}, the DPS's host as for HTTPS ({@code :port} unless 443),
     * and {@code /$iothub/websocket}; the DPS's HTTPS listener serves it.
     */
    public String dpsMqttWebSocketEndpoint() {
        return HttpListeners.mqttWebSocketUri(globalEndpoint());
    }

    /** Where MQTT devices open a WebSocket to the hub named {@code hub}: on the hub's HTTPS listener, as for DPS. */
    public String hubMqttWebSocketEndpoint(String hub) {
        return HttpListeners.mqttWebSocketUri(iotHub(hub).hub().hostName());
    }

    /**
     * What device clients use in place of {@code global.azure-devices-provisioning.net}: a bare host in
     * the SDK-compatible layout, {@code host:port} in the port layout.
     */
    public String globalEndpoint() {
        return config.layout.dps().authority(dpsPort());
    }

    /** Which layout is running, in one line. */
    public EndpointLayout layout() {
        return config.layout;
    }

    public String dpsBaseUrl() {
        return "https://" + globalEndpoint();
    }

    public String idScope() {
        return config.idScope;
    }

    public String serviceConnectionString() {
        return serviceConnection().text();
    }

    private ServiceConnectionString serviceConnection() {
        return new ServiceConnectionString(globalEndpoint(), SimulatorConfig.SERVICE_POLICY, config.serviceKey);
    }

    public String serviceKey() {
        return config.serviceKey;
    }

    /** Whether the service or the admin API takes the published {@link SimulatorConfig#DEFAULT_SERVICE_KEY}. */
    public boolean developmentKeyInForce() {
        return config.developmentKeyInForce();
    }

    /** The key of the admin API ({@code /dpsrig/...}): the service key unless one of its own was set. */
    public String adminKey() {
        return config.adminKey;
    }

    /** The certificate clients must trust (the development root CA). */
    public X509Certificate trustedRoot() {
        return tls.root().certificate();
    }

    public Path trustedRootFile() {
        return tls.rootCertificateFile();
    }

    public Path devSettingsFile() {
        return dataDirectory.settingsFile();
    }

    public List<Hub> hubs() {
        return service.hubs().stream().map(registry -> registry.hub()).toList();
    }

    /** A simulated hub by name: its devices, the messages it received, its cloud-to-device queues. */
    public SimulatedHub iotHub(String name) {
        SimulatedHub hub = iotHubs.get(name);
        if (hub == null) {
            throw new IllegalArgumentException("no hub named '" + name + "'; the hubs are " + iotHubs.keySet());
        }
        return hub;
    }

    /** The fault plan in force: add and clear rules, read what was served. */
    public FaultPlan faults() {
        return faults;
    }

    public QuotaProfile quotaProfile() {
        return quotas.get().profile();
    }

    /** Replaces the quotas in force; their buckets start full. */
    public void quotaProfile(QuotaProfile profile) {
        quotas.set(new Quotas(profile, config.clock));
    }

    /** The simulated hubs, in the order they were configured. */
    public List<SimulatedHub> iotHubs() {
        return hubs().stream().map(hub -> iotHubs.get(hub.name())).toList();
    }

    /**
     * What {@code dev-settings.json} holds. The root certificate's path is relative to the file's folder
     * when it lies inside it, so the folder can be mounted anywhere (a ConfigMap, a volume); its PEM text
     * is there too, for clients that take the certificate itself. {@code adminKey} is there only when the admin API
     * has a key of its own.
     */
    public JsonObject devSettings() {
        Path folder = devSettingsFile().getParent();
        Path root = trustedRootFile();
        String rootPath = root.startsWith(folder) ? folder.relativize(root).toString() : root.toString();
        return new DevSettingsDocument(
                config.layout instanceof EndpointLayout.SdkCompatible ? "sdk-compatible" : "ports",
                idScope(),
                globalEndpoint(),
                dpsBaseUrl(),
                serviceConnection(),
                // Only when it is a key of its own: what dpsrig hub, faults and quotas sign their requests with.
                config.adminKey.equals(config.serviceKey) ? Optional.empty() : Optional.of(config.adminKey),
                hubs().stream().map(hub -> new DevSettingsDocument.Hub(hub.name(), hub.hostName(),
                        Optional.of(hubMqttEndpoint(hub.name())), Optional.of(hubMqttWebSocketEndpoint(hub.name())))).toList(),
                rootPath,
                Optional.of(pem(root)),
                Optional.of(folder.toString()),
                Optional.of(dpsMqttEndpoint()),
                Optional.of(dpsMqttWebSocketEndpoint())).toJson();
    }

    private static String pem(Path certificate) {
        try {
            return Files.readString(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the development root certificate " + certificate, e);
        }
    }

    @Override
    public void close() {
        server.stop();
        listeners.close();
        iotHubs.values().forEach(SimulatedHub::close);
        service.close();
        dataDirectory.removeIfTemporary();
    }
}
