package dev.dpsrig.simulator.http;

import dev.dpsrig.certs.TlsContexts;
import dev.dpsrig.protocol.DpsErrorCode;
import dev.dpsrig.protocol.HubErrorCode;
import dev.dpsrig.protocol.settings.DevSettingsDocument;
import dev.dpsrig.protocol.settings.ServiceConnectionString;
import dev.dpsrig.simulator.dps.Hub;
import dev.dpsrig.simulator.dps.HubRegistry;
import dev.dpsrig.simulator.dps.ProvisioningService;
import dev.dpsrig.simulator.fault.Endpoint;
import dev.dpsrig.simulator.fault.Fault;
import dev.dpsrig.simulator.fault.FaultPlan;
import dev.dpsrig.simulator.hub.FileMessageLog;
import dev.dpsrig.simulator.hub.MessageLog;
import dev.dpsrig.simulator.hub.SimulatedHub;
import dev.dpsrig.simulator.quota.QuotaProfile;
import dev.dpsrig.simulator.quota.Quotas;
import dev.dpsrig.simulator.server.DevelopmentTls;
import dev.dpsrig.simulator.store.DpsDocuments;
import dev.dpsrig.simulator.store.DurableFiles;
import dev.dpsrig.simulator.store.FileStateStore;
import dev.dpsrig.simulator.store.StateStore;
import io.helidon.common.socket.SocketOptions;
import io.helidon.common.tls.Tls;
import io.helidon.common.tls.TlsClientAuth;
import io.helidon.common.uri.UriPath;
import io.helidon.http.encoding.ContentEncodingContext;
import io.helidon.webserver.ListenerConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
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
    private static final Logger LOG = System.getLogger(LocalSimulator.class.getName());
    private static final String HUB_SOCKET_PREFIX = "hub-";
    /** Before the name of an IPv4 socket, the name of its twin on {@code [::1]}: no hub's socket name starts so. */
    private static final String IPV6_SOCKET_PREFIX = "ipv6-";
    private static final String IPV6_LOOPBACK = "::1";
    /** The web server's own idle check, which {@link ConnectionGuard} replaces: never due, rarely run. */
    private static final Duration SERVER_IDLE_CHECK_OFF = Duration.ofDays(3650);
    private static final Duration SERVER_IDLE_CHECK_PERIOD = Duration.ofDays(1);
    /**
     * Every DPS walkthrough sends {@code Content-Encoding: utf-8}, which is not an HTTP content
     * coding; the real service ignores it, and so must we rather than answer 400.
     */
    private static final ContentEncodingContext NO_CONTENT_DECODING = new IgnoreRequestContentEncoding();

    /** The DPS port serves three APIs; it admits the largest body any of them takes, and each route holds its own to less. */
    private static final long DPS_MAX_BODY = Stream.of(ApiFamily.DPS_DEVICE, ApiFamily.DPS_SERVICE, ApiFamily.ADMIN)
            .mapToLong(ApiFamily::maxBody).max().orElseThrow();

    private final WebServer server;
    private final ConnectionGuard guard;
    private final InProcessDps service;
    private final Map<String, SimulatedHub> iotHubs;
    private final FaultPlan faults;
    private final AtomicReference<Quotas> quotas;
    private final SimulatorConfig config;
    private final DevelopmentTls tls;
    private final Optional<Path> temporaryDirectory;
    private final Path settingsFile;

    private LocalSimulator(WebServer server, ConnectionGuard guard, InProcessDps service, Map<String, SimulatedHub> iotHubs,
                           FaultPlan faults, AtomicReference<Quotas> quotas, SimulatorConfig config, DevelopmentTls tls,
                           Optional<Path> temporaryDirectory, Path settingsFile) {
        this.server = server;
        this.guard = guard;
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
            hubsStored.put(hub.name(), SimulatedHub.load(hub.name(), log, store, config.cloudToDevice));
        }
        StartupGate gate = new StartupGate();

        JsonResponses responses = new JsonResponses(config.clock);
        HubResponses hubResponses = new HubResponses(config.clock);
        AtomicReference<InProcessDps> ready = new AtomicReference<>();
        AtomicReference<String> dpsAuthority = new AtomicReference<>();
        Map<String, AtomicReference<SimulatedHub>> hubsReady = new LinkedHashMap<>();
        Map<String, SimulatedHub> hubsOnline = new ConcurrentHashMap<>();
        ConnectionGuard guard = new ConnectionGuard(config.connectionLimits);
        Consumer<ListenerConfig.BuilderBase<?, ?>> dpsEndpoint = listener -> {
            listener.tls(serverTls(tls, faults, Endpoint.DPS_HANDSHAKE, guard, "DPS"))
                    .contentEncoding(NO_CONTENT_DECODING)
                    .routing(routing -> dpsRouting(routing
                                    .addFilter(gate.forDps(responses))
                                    .addFilter(new RequestGate(ApiFamily::onDpsPort, responses))
                                    .addFilter(FaultInjection.forDps(faults, quotas::get, responses, hubResponses))
                                    .error(Throwable.class, Guarded.errorHandler(responses)),
                            ready, hubsOnline, faults, quotas, responses, config, dps.advertisedHost(), dpsAuthority::get));
            limitRequests(listener, responses, ApiFamily::onDpsPort, DPS_MAX_BODY, guard);
            connections(listener, guard, (response, message) -> responses.error(response, DpsErrorCode.SERVICE_UNAVAILABLE, message));
        };
        WebServerConfig.Builder builder = WebServer.builder()
                .host(dps.bindAddress())
                .port(dps.port())
                .shutdownHook(false);
        dpsEndpoint.accept(builder);
        Map<String, Integer> ipv6Sockets = new LinkedHashMap<>();
        ipv6Loopback(dps, "DPS").ifPresent(port -> {
            ipv6Sockets.put(IPV6_SOCKET_PREFIX + "dps", port);
            builder.putSocket(IPV6_SOCKET_PREFIX + "dps", socket -> dpsEndpoint.accept(socket.host(IPV6_LOOPBACK).port(port)));
        });
        for (int i = 0; i < config.hubs.size(); i++) {
            SimulatorConfig.HubSpec hub = config.hubs.get(i);
            EndpointLayout.Listener listener = hubListeners.get(i);
            AtomicReference<SimulatedHub> hubReady = new AtomicReference<>();
            hubsReady.put(hub.name(), hubReady);
            HubRoutes hubRoutes = new HubRoutes(hubReady::get, hubResponses);
            Consumer<ListenerConfig.BuilderBase<?, ?>> hubEndpoint = socket -> {
                socket.tls(serverTls(tls, faults, Endpoint.HUB_HANDSHAKE, guard, "hub " + hub.name()))
                        .contentEncoding(NO_CONTENT_DECODING)
                        .routing(routing -> routing
                                .addFilter(gate.forHub(hubResponses))
                                .addFilter(new RequestGate(ApiFamily::onHubPort, hubResponses))
                                .addFilter(FaultInjection.forHub(hub.name(), faults, quotas::get, responses, hubResponses))
                                .error(Throwable.class, Guarded.errorHandler(hubResponses))
                                .any(hubRoutes::handle));
                limitRequests(socket, hubResponses, ApiFamily::onHubPort, ApiFamily.HUB_DEVICE.maxBody(), guard);
                connections(socket, guard, (response, message) -> hubResponses.error(response, HubErrorCode.SERVICE_UNAVAILABLE, message));
            };
            builder.putSocket(HUB_SOCKET_PREFIX + hub.name(), socket -> hubEndpoint.accept(socket
                    .host(listener.bindAddress())
                    .port(listener.port())));
            ipv6Loopback(listener, "hub " + hub.name()).ifPresent(port -> {
                ipv6Sockets.put(IPV6_SOCKET_PREFIX + HUB_SOCKET_PREFIX + hub.name(), port);
                builder.putSocket(IPV6_SOCKET_PREFIX + HUB_SOCKET_PREFIX + hub.name(),
                        socket -> hubEndpoint.accept(socket.host(IPV6_LOOPBACK).port(port)));
            });
        }
        WebServer server = builder.build().start();
        if (!server.isRunning() || server.port() < 0
                || config.hubs.stream().anyMatch(hub -> server.port(HUB_SOCKET_PREFIX + hub.name()) < 0)) {
            server.stop();
            logs.forEach(MessageLog::close);
            guard.close();
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
        InProcessDps service = new InProcessDps(new ProvisioningService(config.idScope, hubs, dpsStored, config.clock,
                config.assignmentDelay, new JdkAllocationWebhook(tls.root().certificate())));
        ready.set(service);
        Map<String, SimulatedHub> simulatedHubs = new LinkedHashMap<>();
        for (HubRegistry registry : service.hubs()) {
            String name = registry.hub().name();
            SimulatedHub hub = new SimulatedHub(registry, hubsStored.get(name), config.clock);
            simulatedHubs.put(name, hub);
            hubsReady.get(name).set(hub);
            hubsOnline.put(name, hub);
        }
        gate.open();
        Path settings = dataDirectory.resolve("dev-settings.json");
        LocalSimulator simulator = new LocalSimulator(server, guard, service, simulatedHubs, faults, quotas, config, tls, temporary,
                settings);
        ipv6Sockets.forEach((name, port) -> {
            if (server.port(name) < 0) {
                LOG.log(Level.WARNING, "could not listen on [::1]:" + port + " as well; IPv4 loopback only there");
            }
        });
        writeAtomically(settings, simulator.devSettings().toString());
        return simulator;
    }

    /**
     * The development server identity; each port gets its own context so that a slow-handshake rule
     * can tell a DPS handshake from a hub's, and so that its connections are watched as that listener's.
     * The protocols and cipher suites are Azure's ({@link TlsContexts#serverCipherSuites()}).
     */
    private static Tls serverTls(DevelopmentTls tls, FaultPlan faults, Endpoint handshake, ConnectionGuard guard, String listener) {
        return Tls.builder()
                .sslContext(WatchedTls.watch(TlsContexts.serverAcceptingAnyClient(tls.server(), () -> faults.strike(handshake, "")
                        .filter(Fault.SlowHandshake.class::isInstance)
                        .ifPresent(slow -> guard.whileServerPauses(() -> pause(((Fault.SlowHandshake) slow).delay())))),
                        guard, listener))
                .clientAuth(TlsClientAuth.OPTIONAL)
                .enabledProtocols(TlsContexts.SERVER_PROTOCOLS)
                .enabledCipherSuites(TlsContexts.serverCipherSuites())
                .build();
    }

    /**
     * Every listener's connection handling, in one place: the deadlines and the per-address cap of
     * {@link ConnectionGuard} (its accept hook in the socket options, its filter first in the routing), in place of
     * the web server's own idle check, which looks every 2 minutes, closes after 5, and cannot end a request half read.
     */
    private static void connections(ListenerConfig.BuilderBase<?, ?> listener, ConnectionGuard guard, ConnectionGuard.Refusal refusal) {
        listener.connectionOptions(guard.counting(SocketOptions.builder().tcpNoDelay(true).build()))
                .idleConnectionTimeout(SERVER_IDLE_CHECK_OFF)
                .idleConnectionPeriod(SERVER_IDLE_CHECK_PERIOD);
        listener.routing().orElseThrow(() -> new IllegalStateException("a listener's routing comes before its connection handling"))
                .addFeature(guard.routing(refusal));
    }

    /**
     * The port to listen on at {@code [::1]} as well. A listener bound to 127.0.0.1, the address {@code localhost}
     * names, on a fixed port, also answers on IPv6 loopback, which {@code localhost} names too (and the server
     * certificate): clients that try {@code ::1} first then find the simulator there rather than a refusal. In the
     * SDK-compatible layout that is the DPS alone; hubs sit on 127.0.0.2 and after, which have no IPv6 counterpart,
     * and are advertised by those addresses. Without IPv6 loopback on this machine, nothing; with the port taken at
     * {@code [::1]}, a warning and IPv4 alone. A port picked at start (0, as tests use) is only known once bound, so
     * it is not paired.
     */
    private static OptionalInt ipv6Loopback(EndpointLayout.Listener listener, String what) {
        if (listener.port() == 0) {
            return OptionalInt.empty();
        }
        try {
            if (!InetAddress.getByName(listener.bindAddress()).equals(InetAddress.getByName("127.0.0.1"))) {
                return OptionalInt.empty();
            }
        } catch (UnknownHostException e) {
            return OptionalInt.empty();
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(IPV6_LOOPBACK, listener.port()));
            return OptionalInt.of(listener.port());
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("already in use")) {
                LOG.log(Level.WARNING, "[::1]:" + listener.port() + " is taken by another process; the " + what
                        + " listens on 127.0.0.1:" + listener.port() + " only");
            }
            // Otherwise this machine has no IPv6 loopback ("cannot assign requested address", "protocol family unavailable").
            return OptionalInt.empty();
        }
    }

    /**
     * The limits every listener applies before routing, answered in the port's error format: the
     * request line and header size ({@link RequestLimits}), the largest body the port takes (past it,
     * 413 before the body is read), chunked framing checked as it arrives and HTTP/1.0 answered
     * ({@link FramedHttp1Selector}), and Helidon's own refusals in the API's JSON ({@link ApiDirectHandler}).
     * Other HTTP/1.1 and connection settings of the listeners belong here too.
     */
    private static void limitRequests(ListenerConfig.BuilderBase<?, ?> listener, ErrorFormat errors,
                                      Function<UriPath, ApiFamily> families, long maxBody, ConnectionGuard guard) {
        Http1Config http1 = RequestLimits.http1();
        listener.addProtocol(http1);
        listener.addConnectionSelector(new FramedHttp1Selector(http1, guard));
        listener.maxPayloadSize(maxBody);
        listener.directHandlers(ApiDirectHandler.forPort(errors, families));
        listener.errorHandling(handling -> handling.includeEntity(true));
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
    private static void dpsRouting(HttpRouting.Builder routing, AtomicReference<InProcessDps> ready,
                                   Map<String, SimulatedHub> hubs, FaultPlan faults, AtomicReference<Quotas> quotas,
                                   JsonResponses responses, SimulatorConfig config, String dpsHost,
                                   Supplier<String> dpsAuthority) {
        ServiceAuthorization authorization = new ServiceAuthorization(
                SimulatorConfig.SERVICE_POLICY, config.serviceKey, dpsHost, config.clock);
        ServiceAuthorization admin = config.adminKey.equals(config.serviceKey) ? authorization : new ServiceAuthorization(
                SimulatorConfig.SERVICE_POLICY, config.adminKey, "the admin key (dpsrig serve --admin-key; adminKey in dev-settings.json)",
                dpsHost, config.clock);
        RouteTable routes = new RouteTable(routing);
        new FaultAdminRoutes(faults, quotas, config.clock, responses, admin).routing(routes);
        new HubAdminRoutes(name -> Optional.ofNullable(hubs.get(name)),
                () -> config.hubs.stream().map(hub -> hubs.get(hub.name())).filter(Objects::nonNull).toList(),
                responses, admin).routing(routes);
        new DeviceRuntimeRoutes(ready::get, responses, dpsAuthority).routing(routes);
        new ServiceRoutes(ready::get, responses, authorization).routing(routes);
        routing.any(routes.unmatched(responses));
    }

    public InProcessDps service() {
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
                Optional.of(folder.toString())).toJson();
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
        guard.close();
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
