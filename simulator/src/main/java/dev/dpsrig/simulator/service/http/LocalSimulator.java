package dev.dpsrig.simulator.service.http;

import dev.dpsrig.certs.TlsContexts;
import dev.dpsrig.simulator.protocol.Jsonp;
import dev.dpsrig.simulator.service.DevelopmentTls;
import dev.dpsrig.simulator.service.FileStateStore;
import dev.dpsrig.simulator.service.Hub;
import dev.dpsrig.simulator.service.HubRegistry;
import dev.dpsrig.simulator.service.ProvisioningService;
import dev.dpsrig.simulator.service.StateStore;
import dev.dpsrig.simulator.service.fault.Endpoint;
import dev.dpsrig.simulator.service.fault.Fault;
import dev.dpsrig.simulator.service.fault.FaultPlan;
import dev.dpsrig.simulator.service.hub.FileMessageLog;
import dev.dpsrig.simulator.service.hub.MessageLog;
import dev.dpsrig.simulator.service.hub.SimulatedHub;
import dev.dpsrig.simulator.service.quota.QuotaProfile;
import dev.dpsrig.simulator.service.quota.Quotas;
import io.helidon.common.tls.Tls;
import io.helidon.common.tls.TlsClientAuth;
import io.helidon.common.uri.UriPath;
import io.helidon.http.encoding.ContentEncodingContext;
import io.helidon.webserver.ListenerConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
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
    private static final String HUB_SOCKET_PREFIX = "hub-";
    /**
     * Every DPS walkthrough sends {@code Content-Encoding: utf-8}, which is not an HTTP content
     * coding; the real service ignores it, and so must we rather than answer 400.
     */
    private static final ContentEncodingContext NO_CONTENT_DECODING = new IgnoreRequestContentEncoding();

    /** The DPS port serves three APIs; it admits the largest body any of them takes, and each route holds its own to less. */
    private static final long DPS_MAX_BODY = Stream.of(ApiFamily.DPS_DEVICE, ApiFamily.DPS_SERVICE, ApiFamily.ADMIN)
            .mapToLong(ApiFamily::maxBody).max().orElseThrow();

    private final WebServer server;
    private final ProvisioningService service;
    private final Map<String, SimulatedHub> iotHubs;
    private final FaultPlan faults;
    private final AtomicReference<Quotas> quotas;
    private final SimulatorConfig config;
    private final DevelopmentTls tls;
    private final Optional<Path> temporaryDirectory;
    private final Path settingsFile;

    private LocalSimulator(WebServer server, ProvisioningService service, Map<String, SimulatedHub> iotHubs, FaultPlan faults,
                           AtomicReference<Quotas> quotas, SimulatorConfig config, DevelopmentTls tls,
                           Optional<Path> temporaryDirectory, Path settingsFile) {
        this.server = server;
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
        checkPortFree(dps, "DPS");
        for (int i = 0; i < config.hubs.size(); i++) {
            checkPortFree(hubListeners.get(i), "hub " + config.hubs.get(i).name());
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

        JsonResponses responses = new JsonResponses(config.clock);
        HubResponses hubResponses = new HubResponses(config.clock);
        AtomicReference<ProvisioningService> ready = new AtomicReference<>();
        AtomicReference<String> dpsAuthority = new AtomicReference<>();
        Map<String, AtomicReference<SimulatedHub>> hubsReady = new LinkedHashMap<>();
        Map<String, SimulatedHub> hubsOnline = new ConcurrentHashMap<>();
        WebServerConfig.Builder builder = WebServer.builder()
                .host(dps.bindAddress())
                .port(dps.port())
                .tls(serverTls(tls, faults, Endpoint.DPS_HANDSHAKE))
                .shutdownHook(false)
                .connectionOptions(options -> options.tcpNoDelay(true))
                .contentEncoding(NO_CONTENT_DECODING)
                .routing(routing -> dpsRouting(routing
                                .addFilter(new RequestGate(ApiFamily::onDpsPort, responses))
                                .addFilter(FaultInjection.forDps(faults, quotas::get, responses, hubResponses))
                                .error(Throwable.class, Guarded.errorHandler(responses)),
                        ready, hubsOnline, faults, quotas, responses, config, dps.advertisedHost(), dpsAuthority::get));
        limitRequests(builder, responses, ApiFamily::onDpsPort, DPS_MAX_BODY);
        for (int i = 0; i < config.hubs.size(); i++) {
            SimulatorConfig.HubSpec hub = config.hubs.get(i);
            EndpointLayout.Listener listener = hubListeners.get(i);
            AtomicReference<SimulatedHub> hubReady = new AtomicReference<>();
            hubsReady.put(hub.name(), hubReady);
            HubRoutes hubRoutes = new HubRoutes(hubReady::get, hubResponses);
            builder.putSocket(HUB_SOCKET_PREFIX + hub.name(), socket -> limitRequests(socket
                    .host(listener.bindAddress())
                    .port(listener.port())
                    .tls(serverTls(tls, faults, Endpoint.HUB_HANDSHAKE))
                    .connectionOptions(options -> options.tcpNoDelay(true))
                    .contentEncoding(NO_CONTENT_DECODING)
                    .routing(routing -> routing
                            .addFilter(new RequestGate(ApiFamily::onHubPort, hubResponses))
                            .addFilter(FaultInjection.forHub(hub.name(), faults, quotas::get, responses, hubResponses))
                            .error(Throwable.class, Guarded.errorHandler(hubResponses))
                            .any(hubRoutes::handle)), hubResponses, ApiFamily::onHubPort, ApiFamily.HUB_DEVICE.maxBody()));
        }
        WebServer server = builder.build().start();
        if (!server.isRunning() || server.port() < 0
                || config.hubs.stream().anyMatch(hub -> server.port(HUB_SOCKET_PREFIX + hub.name()) < 0)) {
            server.stop();
            temporary.ifPresent(LocalSimulator::deleteRecursively);
            throw new IllegalStateException("the simulator could not listen on " + describe(dps) + " (DPS) and "
                    + hubListeners.stream().map(LocalSimulator::describe).toList() + " (hubs)");
        }

        List<Hub> hubs = new ArrayList<>();
        for (int i = 0; i < config.hubs.size(); i++) {
            SimulatorConfig.HubSpec hub = config.hubs.get(i);
            hubs.add(new Hub(hub.name(), hubListeners.get(i).authority(server.port(HUB_SOCKET_PREFIX + hub.name())),
                    hub.weight(), hub.latency()));
        }
        dpsAuthority.set(dps.authority(server.port()));
        boolean keepState = config.keepState && temporary.isEmpty();
        StateStore store = !keepState ? StateStore.none() : new FileStateStore(dataDirectory.resolve("state"));
        ProvisioningService service = new ProvisioningService(config.idScope, hubs, store, config.clock,
                config.assignmentDelay, new JdkAllocationWebhook(tls.root().certificate()));
        ready.set(service);
        Map<String, SimulatedHub> simulatedHubs = new LinkedHashMap<>();
        for (HubRegistry registry : service.hubs()) {
            String name = registry.hub().name();
            MessageLog log = !keepState ? MessageLog.none()
                    : new FileMessageLog(dataDirectory.resolve("state").resolve("hubs").resolve(name).resolve("messages.jsonl"));
            SimulatedHub hub = new SimulatedHub(registry, log, store, config.cloudToDevice, config.clock);
            simulatedHubs.put(name, hub);
            hubsReady.get(name).set(hub);
            hubsOnline.put(name, hub);
        }
        Path settings = dataDirectory.resolve("dev-settings.json");
        LocalSimulator simulator = new LocalSimulator(server, service, simulatedHubs, faults, quotas, config, tls, temporary, settings);
        writeAtomically(settings, simulator.devSettings().toString());
        return simulator;
    }

    /**
     * The development server identity; each port gets its own context so that a slow-handshake rule
     * can tell a DPS handshake from a hub's.
     */
    private static Tls serverTls(DevelopmentTls tls, FaultPlan faults, Endpoint handshake) {
        return Tls.builder()
                .sslContext(TlsContexts.serverAcceptingAnyClient(tls.server(), () -> faults.strike(handshake, "")
                        .filter(Fault.SlowHandshake.class::isInstance)
                        .ifPresent(slow -> pause(((Fault.SlowHandshake) slow).delay()))))
                .clientAuth(TlsClientAuth.OPTIONAL)
                .enabledProtocols(List.of("TLSv1.3", "TLSv1.2"))
                .build();
    }

    /**
     * The limits every listener applies before routing, answered in the port's error format: the
     * request line and header size ({@link RequestLimits}), the largest body the port takes (past it,
     * 413 before the body is read), chunked framing checked as it arrives and HTTP/1.0 answered
     * ({@link FramedHttp1Selector}), and Helidon's own refusals in the API's JSON ({@link ApiDirectHandler}).
     * Other HTTP/1.1 and connection settings of the listeners belong here too.
     */
    private static <B extends ListenerConfig.BuilderBase<B, ?>> B limitRequests(B listener, ErrorFormat errors,
                                                                              Function<UriPath, ApiFamily> families, long maxBody) {
        Http1Config http1 = RequestLimits.http1();
        return listener
                .addProtocol(http1)
                .addConnectionSelector(new FramedHttp1Selector(http1))
                .maxPayloadSize(maxBody)
                .directHandlers(ApiDirectHandler.forPort(errors, families))
                .errorHandling(handling -> handling.includeEntity(true));
    }

    /** Handshakes run on the connection's virtual thread: waiting holds no platform thread. */
    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The DPS port's routes ({@link RoutePath}: literal segments in any case, a trailing slash
     * ignored), then one fallback that answers whatever none took in the DPS error format.
     */
    private static void dpsRouting(HttpRouting.Builder routing, AtomicReference<ProvisioningService> ready,
                                   Map<String, SimulatedHub> hubs, FaultPlan faults, AtomicReference<Quotas> quotas,
                                   JsonResponses responses, SimulatorConfig config, String dpsHost,
                                   Supplier<String> dpsAuthority) {
        ServiceAuthorization authorization = new ServiceAuthorization(
                SimulatorConfig.SERVICE_POLICY, config.serviceKey, dpsHost, config.clock);
        RouteTable routes = new RouteTable(routing);
        new FaultAdminRoutes(faults, quotas, config.clock, responses, authorization).routing(routes);
        new HubAdminRoutes(name -> Optional.ofNullable(hubs.get(name)),
                () -> config.hubs.stream().map(hub -> hubs.get(hub.name())).filter(Objects::nonNull).toList(),
                responses, authorization).routing(routes);
        new DeviceRuntimeRoutes(ready::get, responses, dpsAuthority).routing(routes);
        new ServiceRoutes(ready::get, responses, authorization).routing(routes);
        routing.any(routes.unmatched(responses));
    }

    public ProvisioningService service() {
        return service;
    }

    public int dpsPort() {
        return server.port();
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
        return "HostName=" + globalEndpoint() + ";SharedAccessKeyName=" + SimulatorConfig.SERVICE_POLICY
                + ";SharedAccessKey=" + config.serviceKey;
    }

    public String serviceKey() {
        return config.serviceKey;
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
     * is there too, for clients that take the certificate itself.
     */
    public JsonObject devSettings() {
        JsonArrayBuilder hubs = Jsonp.createArrayBuilder();
        for (Hub hub : hubs()) {
            hubs.add(Jsonp.createObjectBuilder().add("name", hub.name()).add("hostName", hub.hostName()));
        }
        Path folder = settingsFile.getParent();
        Path root = trustedRootFile();
        String rootPath = root.startsWith(folder) ? folder.relativize(root).toString() : root.toString();
        return Jsonp.createObjectBuilder()
                .add("layout", config.layout instanceof EndpointLayout.SdkCompatible ? "sdk-compatible" : "ports")
                .add("idScope", idScope())
                .add("globalEndpoint", globalEndpoint())
                .add("dpsBaseUrl", dpsBaseUrl())
                .add("serviceConnectionString", serviceConnectionString())
                .add("hubs", hubs)
                .add("trustedRootCertificate", rootPath)
                .add("trustedRootCertificatePem", pem(root))
                .add("dataDir", folder.toString())
                .build();
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
        iotHubs.values().forEach(SimulatedHub::close);
        service.close();
        temporaryDirectory.ifPresent(LocalSimulator::deleteRecursively);
    }

    /**
     * Helidon reports a listener that cannot bind in its log and starts anyway; checking first
     * turns the common case, a port already taken, into one clear message.
     */
    private static void checkPortFree(EndpointLayout.Listener listener, String what) {
        if (listener.port() == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(listener.bindAddress(), listener.port()));
        } catch (IOException e) {
            throw new ListenException(describe(listener), what, e);
        }
    }

    private static String describe(EndpointLayout.Listener listener) {
        return listener.bindAddress() + ":" + listener.port();
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
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), ".dev-settings-", ".tmp");
            Files.writeString(temporary, content);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
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
