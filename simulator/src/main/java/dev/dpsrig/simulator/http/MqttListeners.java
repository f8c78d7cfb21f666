package dev.dpsrig.simulator.http;

import dev.dpsrig.simulator.dps.ProvisioningService;
import dev.dpsrig.simulator.fault.Endpoint;
import dev.dpsrig.simulator.fault.FaultInjector;
import dev.dpsrig.simulator.mqtt.dps.DpsMqttFrontDoor;
import dev.dpsrig.simulator.server.DevelopmentTls;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The simulator's MQTT listeners, on the same web server as its HTTPS ones: the DPS device API over MQTT 3.1.1 over
 * TLS, with the DPS's TLS identity (client certificates requested, any accepted, attestation deciding), its
 * connection guard, and only MQTT spoken ({@link MqttSelector}).
 */
final class MqttListeners {
    private static final String DPS_SOCKET = "mqtt-dps";
    private static final String DPS_WHAT = "DPS (MQTT)";
    /** The largest packet a device may send: the device API's largest body, its topic (at most 64 KiB) and the header. */
    private static final int DPS_MAX_PACKET = (int) ApiFamily.DPS_DEVICE.maxBody() + 65_536 + 16;

    private MqttListeners() {
    }

    /** Adds the DPS's MQTT listener to {@code server}. */
    static void dps(WebServerConfig.Builder server, EndpointLayout.Listener listener, DevelopmentTls tls, FaultInjector faults,
                    ConnectionGuard guard, Supplier<ProvisioningService> dps, Clock clock) {
        Listeners.checkPortFree(listener, DPS_WHAT);
        server.putSocket(DPS_SOCKET, socket -> {
            socket.host(listener.bindAddress())
                    .port(listener.port())
                    .tls(Listeners.serverTls(tls, faults, Endpoint.DPS_HANDSHAKE, guard, DPS_WHAT))
                    .protocolsDiscoverServices(false)
                    .addConnectionSelector(new MqttSelector(new DpsMqttFrontDoor(dps, clock), guard, DPS_MAX_PACKET));
            Listeners.sockets(socket, guard);
        });
    }

    /** The port the DPS's MQTT listener is bound to; negative when it could not listen. */
    static int dpsPort(WebServer server) {
        return server.port(DPS_SOCKET);
    }
}
