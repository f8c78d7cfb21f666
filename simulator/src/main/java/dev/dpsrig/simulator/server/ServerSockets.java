package dev.dpsrig.simulator.server;

import dev.dpsrig.simulator.dps.ProvisioningService;
import dev.dpsrig.simulator.http.HttpListeners;
import dev.dpsrig.simulator.hub.SimulatedHub;
import io.helidon.webserver.ListenerConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The simulator's listeners as the web server's named sockets: the DPS (the default socket), each hub,
 * the DPS and each hub over MQTT, and the {@code [::1]} twin of each loopback listener on a fixed port, HTTPS or MQTT.
 * A twin that cannot listen is a warning; any other listener that cannot is a failed start.
 */
final class ServerSockets {
    private static final Logger LOG = System.getLogger(LocalSimulator.class.getName());
    private static final String HUB_PREFIX = "hub-";
    /** The {@code [::1]} twin of a loopback listener: the same endpoint on the same port number. */
    private static final String IPV6_PREFIX = "ipv6-";
    private static final String DPS_MQTT = "mqtt-dps";
    private static final String HUB_MQTT_PREFIX = "mqtt-hub-";

    private final WebServerConfig.Builder builder;
    private final Map<String, Integer> ipv6Twins = new LinkedHashMap<>();
    /** What each socket that must bind serves and where, by socket name ({@code ""} for the default socket). */
    private final Map<String, String> required = new LinkedHashMap<>();

    /** The sockets of a web server whose default socket serves the DPS on {@code dps}. */
    ServerSockets(EndpointLayout.Listener dps, Consumer<ListenerConfig.BuilderBase<?, ?>> endpoint) {
        builder = WebServer.builder()
                .host(dps.bindAddress())
                .port(dps.port())
                .shutdownHook(false);
        endpoint.accept(builder);
        required.put("", "DPS on " + ListenerPorts.describe(dps));
        twin("dps", dps, "DPS", endpoint);
    }

    void hub(String name, EndpointLayout.Listener listener, Consumer<ListenerConfig.BuilderBase<?, ?>> endpoint) {
        required.put(HUB_PREFIX + name, "hub " + name + " on " + ListenerPorts.describe(listener));
        builder.putSocket(HUB_PREFIX + name, socket -> endpoint.accept(socket.host(listener.bindAddress()).port(listener.port())));
        twin(HUB_PREFIX + name, listener, "hub " + name, endpoint);
    }

    void dpsMqtt(EndpointLayout.Listener listener, HttpListeners listeners, Supplier<ProvisioningService> dps) {
        mqtt(DPS_MQTT, "DPS (MQTT)", listener, socket -> listeners.dpsMqtt(socket, dps));
    }

    void hubMqtt(String name, EndpointLayout.Listener listener, HttpListeners listeners, Supplier<SimulatedHub> hub) {
        mqtt(HUB_MQTT_PREFIX + name, "hub " + name + " (MQTT)", listener, socket -> listeners.hubMqtt(socket, name, hub));
    }

    /** An MQTT listener, checked free before it listens, and its {@code [::1]} twin as an HTTPS listener gets one. */
    private void mqtt(String socket, String what, EndpointLayout.Listener listener, Consumer<ListenerConfig.BuilderBase<?, ?>> endpoint) {
        ListenerPorts.checkPortFree(listener, what);
        required.put(socket, what + " on " + ListenerPorts.describe(listener));
        builder.putSocket(socket, config -> endpoint.accept(config.host(listener.bindAddress()).port(listener.port())));
        twin(socket, listener, what, endpoint);
    }

    private void twin(String socket, EndpointLayout.Listener listener, String what, Consumer<ListenerConfig.BuilderBase<?, ?>> endpoint) {
        ListenerPorts.ipv6Loopback(listener, what).ifPresent(port -> {
            ipv6Twins.put(IPV6_PREFIX + socket, port);
            builder.putSocket(IPV6_PREFIX + socket, twin -> endpoint.accept(twin.host(ListenerPorts.IPV6_LOOPBACK).port(port)));
        });
    }

    WebServer start() {
        return builder.build().start();
    }

    /**
     * The listeners that could not bind, each as what it serves and where; none when the server runs.
     * The {@code [::1]} twins are not among them: each that could not bind is a warning.
     */
    List<String> unbound(WebServer server) {
        ipv6Twins.forEach((name, port) -> {
            if (server.port(name) < 0) {
                LOG.log(Level.WARNING, "could not listen on [::1]:" + port + " as well; IPv4 loopback only there");
            }
        });
        if (!server.isRunning()) {
            return List.copyOf(required.values());
        }
        return required.entrySet().stream()
                .filter(socket -> (socket.getKey().isEmpty() ? server.port() : server.port(socket.getKey())) < 0)
                .map(Map.Entry::getValue)
                .toList();
    }

    static int hubPort(WebServer server, String hub) {
        return server.port(HUB_PREFIX + hub);
    }

    static int hubMqttPort(WebServer server, String hub) {
        return server.port(HUB_MQTT_PREFIX + hub);
    }

    static int dpsMqttPort(WebServer server) {
        return server.port(DPS_MQTT);
    }
}
