package dev.dpsrig.simulator.server;

import dev.dpsrig.simulator.dps.ProvisioningService;
import dev.dpsrig.simulator.http.HttpListeners;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import java.util.function.Supplier;

/**
 * The simulator's MQTT listeners, on the same web server as its HTTPS ones: the DPS device API over MQTT 3.1.1 over
 * TLS, set up by {@link HttpListeners#dpsMqtt} on the address its layout gives.
 */
final class MqttListeners {
    private static final String DPS_SOCKET = "mqtt-dps";
    private static final String DPS_WHAT = "DPS (MQTT)";

    private MqttListeners() {
    }

    /** Adds the DPS's MQTT listener to {@code server}. */
    static void dps(WebServerConfig.Builder server, EndpointLayout.Listener listener, HttpListeners listeners,
                    Supplier<ProvisioningService> dps) {
        ListenerPorts.checkPortFree(listener, DPS_WHAT);
        server.putSocket(DPS_SOCKET, socket -> listeners.dpsMqtt(socket
                .host(listener.bindAddress())
                .port(listener.port()), dps));
    }

    /** The port the DPS's MQTT listener is bound to; negative when it could not listen. */
    static int dpsPort(WebServer server) {
        return server.port(DPS_SOCKET);
    }
}
