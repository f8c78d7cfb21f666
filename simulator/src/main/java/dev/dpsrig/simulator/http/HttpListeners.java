package dev.dpsrig.simulator.http;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.protocol.DpsErrorCode;
import dev.dpsrig.protocol.HubErrorCode;
import dev.dpsrig.simulator.dps.ProvisioningService;
import dev.dpsrig.simulator.fault.Endpoint;
import dev.dpsrig.simulator.fault.FaultInjector;
import dev.dpsrig.simulator.hub.IncomingMessage;
import dev.dpsrig.simulator.hub.SimulatedHub;
import dev.dpsrig.simulator.log.RequestLog;
import dev.dpsrig.simulator.mqtt.LoggedFrontDoor;
import dev.dpsrig.simulator.mqtt.MqttFrontDoor;
import dev.dpsrig.simulator.mqtt.dps.DpsMqttFrontDoor;
import dev.dpsrig.simulator.mqtt.hub.HubMqttFrontDoor;
import io.helidon.http.encoding.ContentEncodingContext;
import io.helidon.webserver.ListenerConfig;
import io.helidon.webserver.http.Filter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The front doors of the simulator's listeners as the web server sees them: the DPS port (device, service and admin
 * APIs, and the device API over MQTT over WebSockets), each hub's port (its device API, over MQTT over WebSockets
 * too), and the MQTT ports of the DPS and of each hub. Each gets the development server identity, the connection guard,
 * the start-up gate, the request limits, the fault filter and its routes; the addresses and the ports are the
 * caller's. The DPS and each hub have one MQTT front door, whichever listener a client reached it on. Close it to
 * stop watching connections.
 */
public final class HttpListeners implements AutoCloseable {
    /**
     * Every DPS walkthrough sends {@code Content-Encoding: utf-8}, which is not an HTTP content
     * coding; the real service ignores it, and so must we rather than answer 400.
     */
    private static final ContentEncodingContext NO_CONTENT_DECODING = new IgnoreRequestContentEncoding();
    /** The DPS port serves three APIs; it admits the largest body any of them takes, and each route holds its own to less. */
    private static final long DPS_MAX_BODY = Stream.of(ApiFamily.DPS_DEVICE, ApiFamily.DPS_SERVICE, ApiFamily.ADMIN)
            .mapToLong(ApiFamily::maxBody).max().orElseThrow();
    private static final String DPS_MQTT = "DPS (MQTT)";
    /** The largest packet a device may send: the device API's largest body, its topic (at most 64 KiB) and the header. */
    private static final int DPS_MAX_PACKET = (int) ApiFamily.DPS_DEVICE.maxBody() + 65_536 + 16;

    /** The largest packet a device may send a hub: one message at the hub's limit, its topic (at most 64 KiB) and the header. */
    private static final int HUB_MAX_PACKET = IncomingMessage.MAX_SIZE + 65_536 + 16;

    private static final Filter PASS = (chain, request, response) -> chain.proceed();

    private final HeldCertificate identity;
    private final FaultInjector faults;
    private final Clock clock;
    private final ConnectionGuard guard;
    private final StartupGate gate = new StartupGate();
    private final JsonResponses responses;
    private final HubResponses hubResponses;
    private final boolean strictApiVersions;
    /** {@code --strict}'s check of the {@code api-version}, or a filter that lets every request through. */
    private final Filter apiVersions;
    private final RequestLog log;
    /** What writes each request to {@link #log}, or a filter that lets every request through. */
    private final Filter logged;
    /** The MQTT front door of the DPS ({@link #DPS_MQTT}) and of each hub ("hub " and its name), shared by its listeners. */
    private final Map<String, MqttFrontDoor> frontDoors = new ConcurrentHashMap<>();

    /**
     * Listeners that present {@code identity}, obey {@code faults} and hold connections to {@code limits}; with
     * {@code strictApiVersions}, the device and service APIs take only an {@code api-version} Azure answers; every
     * request and MQTT exchange goes to {@code log}.
     */
    public HttpListeners(HeldCertificate identity, FaultInjector faults, ConnectionLimits limits, Clock clock, boolean strictApiVersions,
                         RequestLog log) {
        this.identity = identity;
        this.faults = faults;
        this.clock = clock;
        this.guard = new ConnectionGuard(limits);
        this.responses = new JsonResponses(clock);
        this.hubResponses = new HubResponses(clock);
        this.strictApiVersions = strictApiVersions;
        this.apiVersions = strictApiVersions ? new ApiVersionFilter(responses, hubResponses) : PASS;
        this.log = log;
        this.logged = log.enabled() ? new LoggedRequests(log) : PASS;
    }

    /** The DPS's answers and its error format, which the admin API shares. */
    public JsonResponses dpsResponses() {
        return responses;
    }

    /**
     * Sets {@code listener} up as the DPS port: the admin routes {@code admin} adds, then the device and service
     * routes, then one fallback that answers whatever none took in the DPS error format; and the device API over MQTT
     * over WebSockets ({@link MqttOverWebSockets}) of {@code domain}.
     */
    public void dps(ListenerConfig.BuilderBase<?, ?> listener, Supplier<InProcessDps> dps, Supplier<ProvisioningService> domain,
                    Supplier<String> authority, ServiceAuthorization authorization, Consumer<RouteTable> admin) {
        MqttOverWebSockets webSockets = MqttOverWebSockets.forDps(responses);
        MqttFrontDoor frontDoor = dpsFrontDoor(domain);
        listener.tls(Listeners.serverTls(identity, faults, Endpoint.DPS_HANDSHAKE, guard, "DPS"))
                .contentEncoding(NO_CONTENT_DECODING)
                .routing(routing -> {
                    routing.addFilter(gate.healthOfDps(responses))
                            .addFilter(logged)
                            .addFilter(gate.forDps(responses))
                            .addFilter(new RequestGate(ApiFamily::onDpsPort, responses))
                            .addFilter(apiVersions)
                            .addFilter(webSockets)
                            .addFilter(FaultFilter.forDps(faults, responses, hubResponses))
                            .error(Throwable.class, new FailedRequests(responses));
                    RouteTable routes = new RouteTable(routing);
                    admin.accept(routes);
                    new DeviceRuntimeRoutes(dps, responses, authority).routing(routes);
                    new ServiceRoutes(dps, responses, authorization).routing(routes);
                    routing.any(routes.unmatched());
                });
        webSockets.route(listener, () -> new MqttWebSocket(frontDoor, guard, DPS_MAX_PACKET));
        Listeners.limitRequests(listener, responses, ApiFamily::onDpsPort, DPS_MAX_BODY, guard);
        Listeners.connections(listener, guard, (response, message) -> responses.error(response, DpsErrorCode.SERVICE_UNAVAILABLE, message));
    }

    /**
     * Sets {@code listener} up as the port of the hub named {@code name}, which {@code hub} gives once it is built:
     * its device API over HTTPS and over MQTT over WebSockets ({@link MqttOverWebSockets}).
     */
    public void hub(ListenerConfig.BuilderBase<?, ?> listener, String name, Supplier<SimulatedHub> hub) {
        HubRoutes hubRoutes = new HubRoutes(hub, hubResponses);
        MqttOverWebSockets webSockets = MqttOverWebSockets.forHub(hubResponses);
        MqttFrontDoor frontDoor = hubFrontDoor(name, hub);
        listener.tls(Listeners.serverTls(identity, faults, Endpoint.HUB_HANDSHAKE, guard, "hub " + name))
                .contentEncoding(NO_CONTENT_DECODING)
                .routing(routing -> routing
                        .addFilter(gate.healthOfHub(name, hubResponses))
                        .addFilter(logged)
                        .addFilter(gate.forHub(hubResponses))
                        .addFilter(new RequestGate(ApiFamily::onHubPort, hubResponses))
                        .addFilter(apiVersions)
                        .addFilter(webSockets)
                        .addFilter(FaultFilter.forHub(name, faults, responses, hubResponses))
                        .error(Throwable.class, new FailedRequests(hubResponses))
                        .any(hubRoutes::handle));
        webSockets.route(listener, () -> new MqttWebSocket(frontDoor, guard, HUB_MAX_PACKET));
        Listeners.limitRequests(listener, hubResponses, ApiFamily::onHubPort, ApiFamily.HUB_DEVICE.maxBody(), guard);
        Listeners.connections(listener, guard, (response, message) -> hubResponses.error(response, HubErrorCode.SERVICE_UNAVAILABLE, message));
    }

    /**
     * Sets {@code listener} up as the DPS device API over MQTT 3.1.1 over TLS: the DPS's TLS identity (client
     * certificates requested, any accepted, attestation deciding), its connection guard, and only MQTT spoken
     * ({@link MqttSelector}).
     */
    public void dpsMqtt(ListenerConfig.BuilderBase<?, ?> listener, Supplier<ProvisioningService> dps) {
        listener.tls(Listeners.serverTls(identity, faults, Endpoint.DPS_HANDSHAKE, guard, DPS_MQTT))
                .protocolsDiscoverServices(false)
                .addConnectionSelector(new MqttSelector(dpsFrontDoor(dps), guard, DPS_MAX_PACKET));
        Listeners.sockets(listener, guard);
    }

    /**
     * Sets {@code listener} up as the device API of the hub named {@code name} over MQTT 3.1.1 over TLS: the hub's
     * TLS identity and connection guard, and only MQTT spoken ({@link MqttSelector}).
     */
    public void hubMqtt(ListenerConfig.BuilderBase<?, ?> listener, String name, Supplier<SimulatedHub> hub) {
        listener.tls(Listeners.serverTls(identity, faults, Endpoint.HUB_HANDSHAKE, guard, "hub " + name + " (MQTT)"))
                .protocolsDiscoverServices(false)
                .addConnectionSelector(new MqttSelector(hubFrontDoor(name, hub), guard, HUB_MAX_PACKET));
        Listeners.sockets(listener, guard);
    }

    private MqttFrontDoor dpsFrontDoor(Supplier<ProvisioningService> dps) {
        return frontDoors.computeIfAbsent(DPS_MQTT, key -> LoggedFrontDoor.of(new DpsMqttFrontDoor(dps, faults, clock, strictApiVersions), log));
    }

    /** One per hub: its connections, by device, span its listeners (a second connection of a device drops the first). */
    private MqttFrontDoor hubFrontDoor(String name, Supplier<SimulatedHub> hub) {
        return frontDoors.computeIfAbsent("hub " + name, key -> LoggedFrontDoor.of(new HubMqttFrontDoor(hub, faults, strictApiVersions), log));
    }

    /** Where MQTT clients open a WebSocket to the HTTPS listener at {@code authority} ({@code host} or {@code host:port}). */
    public static String mqttWebSocketUri(String authority) {
        return "wss://" + authority + MqttOverWebSockets.PATH;
    }

    /** Lets every request held while the simulator was starting, and every later one, through to its routes. */
    public void open() {
        gate.open();
    }

    @Override
    public void close() {
        guard.close();
    }
}
