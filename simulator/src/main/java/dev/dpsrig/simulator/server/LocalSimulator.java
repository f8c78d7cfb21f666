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
import dev.dpsrig.simulator.hub.MessageLog;
import dev.dpsrig.simulator.hub.SimulatedHub;
import dev.dpsrig.simulator.quota.QuotaProfile;
import dev.dpsrig.simulator.quota.Quotas;
import dev.dpsrig.simulator.store.DeviceBoundDocuments;
import dev.dpsrig.simulator.store.DpsDocuments;
import dev.dpsrig.simulator.store.DurableFiles;
import dev.dpsrig.simulator.store.FileMessageLog;
import dev.dpsrig.simulator.store.FileStateStore;
import dev.dpsrig.simulator.store.StateStore;
import io.helidon.webserver.ListenerConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

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
 */
public final class LocalSimulator implements AutoCloseable {
    private static final Logger LOG = System.getLogger(LocalSimulator.class.getName());
    private static final String HUB_SOCKET_PREFIX = "hub-";
    /** Before the name of an IPv4 socket, the name of its twin on {@code [::1]}: no hub's socket name starts so. */
    private static final String IPV6_SOCKET_PREFIX = "ipv6-";

    private final WebServer server;
    private final HttpListeners listeners;
    private final InProcessDps service;
    private final Map<String, SimulatedHub> iotHubs;
    private final FaultPlan faults;
    private final AtomicReference<Quotas> quotas;
    private final SimulatorConfig config;
    private final DevelopmentTls tls;
    private final Optional<Path> temporaryDirectory;
    private final Path settingsFile;

    private LocalSimulator(WebServer server, HttpListeners listeners, InProcessDps service, Map<String, SimulatedHub> iotHubs,
                           FaultPlan faults, AtomicReference<Quotas> quotas, SimulatorConfig config, DevelopmentTls tls,
                           Optional<Path> temporaryDirectory, Path settingsFile) {
        this.server = server;
        this.listeners = listeners;
        this.service = service;
        this.iotHubs = Map.copyOf(iotHubs);
        this.faults = faults;
        this.quotas = quotas;
        this.config = config;
        this.tls = tls;
        this.temporaryDirectory = temporaryDirectory;
        this.settingsFile = settingsFile;
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
        Optional<Path> temporary = config.dataDirectory.isPresent() ? Optional.empty() : Optional.of(temporaryDirectory());
        Path dataDirectory = config.dataDirectory.orElseGet(temporary::get).toAbsolutePath();
        List<String> tlsNames = new ArrayList<>(config.tlsNames);
        tlsNames.add(dps.advertisedHost());
        hubListeners.forEach(hub -> tlsNames.add(hub.advertisedHost()));
        DevelopmentTls tls = DevelopmentTls.loadOrCreate(config.tlsDirectory.orElse(dataDirectory.resolve("tls")), tlsNames);
        FaultPlan faults = new FaultPlan(config.clock);
        faults.addAll(config.faultRules);
        AtomicReference<Quotas> quotas = new AtomicReference<>(new Quotas(config.quotaProfile, config.clock));

        // Everything stored is read before the ports listen; only building the DPS and the hubs over it
        // waits for the hubs' bound ports, and a request arriving meanwhile waits at the gate.
        boolean keepState = config.keepState && temporary.isEmpty();
        Path stateDirectory = dataDirectory.resolve("state");
        StateStore store = !keepState ? StateStore.none() : new FileStateStore(stateDirectory);
        ProvisioningService.Stored dpsStored = ProvisioningService.load(new DpsDocuments(store),
                config.hubs.stream().map(SimulatorConfig.HubSpec::name).toList());
        Map<String, SimulatedHub.Stored> hubsStored = new LinkedHashMap<>();
        List<MessageLog> logs = new ArrayList<>();
        for (SimulatorConfig.HubSpec hub : config.hubs) {
            MessageLog log = !keepState ? MessageLog.none()
                    : new FileMessageLog(stateDirectory.resolve("hubs").resolve(hub.name()).resolve("messages.jsonl"));
            logs.add(log);
            hubsStored.put(hub.name(), SimulatedHub.load(hub.name(), log, new DeviceBoundDocuments(store), config.cloudToDevice));
        }
        AtomicReference<InProcessDps> ready = new AtomicReference<>();
        AtomicReference<ProvisioningService> domain = new AtomicReference<>();
        AtomicReference<String> dpsAuthority = new AtomicReference<>();
        Map<String, AtomicReference<SimulatedHub>> hubsReady = new LinkedHashMap<>();
        Map<String, SimulatedHub> hubsOnline = new ConcurrentHashMap<>();
        FaultInjector injector = FaultInjector.of(faults, call -> quotas.get().admit(call));
        HttpListeners listeners = new HttpListeners(tls.server(), injector, config.connectionLimits, config.clock);
        ServiceAuthorization authorization = new ServiceAuthorization(
                SimulatorConfig.SERVICE_POLICY, config.serviceKey, dps.advertisedHost(), config.clock);
        ServiceAuthorization admin = adminAuthorization(config, authorization, dps.advertisedHost());
        FaultAdminRoutes faultAdmin = new FaultAdminRoutes(faults, quotas, config.clock, listeners.dpsResponses(), admin);
        HubAdminRoutes hubAdmin = new HubAdminRoutes(name -> Optional.ofNullable(hubsOnline.get(name)),
                () -> config.hubs.stream().map(hub -> hubsOnline.get(hub.name())).filter(Objects::nonNull).toList(),
                listeners.dpsResponses(), admin);
        Consumer<ListenerConfig.BuilderBase<?, ?>> dpsEndpoint = listener -> listeners.dps(listener, ready::get, dpsAuthority::get,
                authorization, routes -> {
                    faultAdmin.routing(routes);
                    hubAdmin.routing(routes);
                });
        WebServerConfig.Builder builder = WebServer.builder()
                .host(dps.bindAddress())
                .port(dps.port())
                .shutdownHook(false);
        dpsEndpoint.accept(builder);
        Map<String, Integer> ipv6Sockets = new LinkedHashMap<>();
        ListenerPorts.ipv6Loopback(dps, "DPS").ifPresent(port -> {
            ipv6Sockets.put(IPV6_SOCKET_PREFIX + "dps", port);
            builder.putSocket(IPV6_SOCKET_PREFIX + "dps", socket -> dpsEndpoint.accept(socket.host(ListenerPorts.IPV6_LOOPBACK).port(port)));
        });
        for (int i = 0; i < config.hubs.size(); i++) {
            SimulatorConfig.HubSpec hub = config.hubs.get(i);
            EndpointLayout.Listener listener = hubListeners.get(i);
            AtomicReference<SimulatedHub> hubReady = new AtomicReference<>();
            hubsReady.put(hub.name(), hubReady);
            Consumer<ListenerConfig.BuilderBase<?, ?>> hubEndpoint = socket -> listeners.hub(socket, hub.name(), hubReady::get);
            builder.putSocket(HUB_SOCKET_PREFIX + hub.name(), socket -> hubEndpoint.accept(socket
                    .host(listener.bindAddress())
                    .port(listener.port())));
            ListenerPorts.ipv6Loopback(listener, "hub " + hub.name()).ifPresent(port -> {
                ipv6Sockets.put(IPV6_SOCKET_PREFIX + HUB_SOCKET_PREFIX + hub.name(), port);
                builder.putSocket(IPV6_SOCKET_PREFIX + HUB_SOCKET_PREFIX + hub.name(),
                        socket -> hubEndpoint.accept(socket.host(ListenerPorts.IPV6_LOOPBACK).port(port)));
            });
        }
        MqttListeners.dps(builder, config.layout.dpsMqtt(), listeners, domain::get);
        WebServer server = builder.build().start();
        if (!server.isRunning() || server.port() < 0 || MqttListeners.dpsPort(server) < 0
                || config.hubs.stream().anyMatch(hub -> server.port(HUB_SOCKET_PREFIX + hub.name()) < 0)) {
            server.stop();
            logs.forEach(MessageLog::close);
            listeners.close();
            temporary.ifPresent(LocalSimulator::deleteRecursively);
            throw new IllegalStateException("the simulator could not listen on " + ListenerPorts.describe(dps) + " (DPS) and "
                    + hubListeners.stream().map(ListenerPorts::describe).toList() + " (hubs)");
        }

        List<Hub> hubs = new ArrayList<>();
        for (int i = 0; i < config.hubs.size(); i++) {
            SimulatorConfig.HubSpec hub = config.hubs.get(i);
            hubs.add(new Hub(hub.name(), hubListeners.get(i).authority(server.port(HUB_SOCKET_PREFIX + hub.name())),
                    hub.weight(), hub.latency()));
        }
        dpsAuthority.set(dps.authority(server.port()));
        domain.set(new ProvisioningService(config.idScope, hubs, dpsStored, config.clock,
                config.assignmentDelay, new JdkAllocationWebhook(tls.root().certificate())));
        InProcessDps service = new InProcessDps(domain.get());
        ready.set(service);
        Map<String, SimulatedHub> simulatedHubs = new LinkedHashMap<>();
        for (HubRegistry registry : service.hubs()) {
            String name = registry.hub().name();
            SimulatedHub hub = new SimulatedHub(registry, hubsStored.get(name), config.clock);
            simulatedHubs.put(name, hub);
            hubsReady.get(name).set(hub);
            hubsOnline.put(name, hub);
        }
        listeners.open();
        Path settings = dataDirectory.resolve("dev-settings.json");
        LocalSimulator simulator = new LocalSimulator(server, listeners, service, simulatedHubs, faults, quotas, config, tls, temporary,
                settings);
        ipv6Sockets.forEach((name, port) -> {
            if (server.port(name) < 0) {
                LOG.log(Level.WARNING, "could not listen on [::1]:" + port + " as well; IPv4 loopback only there");
            }
        });
        writeAtomically(settings, simulator.devSettings().toString());
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
        return MqttListeners.dpsPort(server);
    }

    /** Where MQTT devices connect to DPS: {@code host:port}, since MQTT has no default port a client could leave out. */
    public String dpsMqttEndpoint() {
        return config.layout.dpsMqtt().advertisedHost() + ":" + dpsMqttPort();
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
        return settingsFile;
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
        Path folder = settingsFile.getParent();
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
                hubs().stream().map(hub -> new DevSettingsDocument.Hub(hub.name(), hub.hostName())).toList(),
                rootPath,
                Optional.of(pem(root)),
                Optional.of(folder.toString()),
                Optional.of(dpsMqttEndpoint())).toJson();
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
        temporaryDirectory.ifPresent(LocalSimulator::deleteRecursively);
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("dpsrig-simulator-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the simulator's TLS files", e);
        }
    }

    private static void writeAtomically(Path file, String content) {
        try {
            DurableFiles.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), ".dev-settings-", ".tmp");
            DurableFiles.writeAndForce(temporary, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            DurableFiles.forceDirectory(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // A temporary folder left behind is harmless; the OS cleans it.
        }
    }
}
