package dev.dpsrig.features.steps;

import dev.dpsrig.certs.TlsContexts;
import dev.dpsrig.features.targeting.Target;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.picocontainer.Disposable;

/**
 * The MQTT connections of one scenario's devices, by the names its steps give them, to DPS and to their hubs: where
 * each connects on the target (the simulator's MQTT listeners, or port 8883 of Azure's hosts), the return code of each
 * device's last CONNECT, and a log per device of what it sent and received, which a failed expectation shows. They are
 * closed when the scenario ends.
 */
public final class MqttConnections implements Disposable {
    /** Azure's MQTT port, for DPS and IoT Hub alike. */
    static final int AZURE_MQTT_PORT = 8883;

    private final ScenarioTarget target;
    private final Map<String, List<DeviceMqttConnection>> connections = new LinkedHashMap<>();
    private final Map<String, Integer> lastReturnCodes = new LinkedHashMap<>();
    private final Map<String, List<String>> logs = new LinkedHashMap<>();

    public MqttConnections(ScenarioTarget target) {
        this.target = target;
    }

    /** Where devices connect to DPS over MQTT: {@code ssl://host:port}. */
    String dpsServerUri() {
        return "ssl://" + switch (target.target()) {
            case Target.LocalSimulator local -> target.simulator().dpsMqttEndpoint();
            case Target.Azure azure -> hostOf(azure.settings().globalEndpoint()) + ":" + AZURE_MQTT_PORT;
        };
    }

    /** Where devices connect over MQTT to the hub DPS named {@code hubHost}: {@code ssl://host:port}. */
    String hubServerUri(String hubHost) {
        return "ssl://" + switch (target.target()) {
            case Target.LocalSimulator local -> target.simulator().hubMqttEndpoint(target.hubAt(hubHost).name());
            case Target.Azure azure -> hubHost + ":" + AZURE_MQTT_PORT;
        };
    }

    /**
     * Connects device {@code name} as {@code clientId} and {@code username}, with a password when given, trusting the
     * target's roots; the CONNACK's return code is kept as the device's last, and an accepted connection as its latest.
     */
    void connect(String name, String serverUri, String clientId, String username, Optional<String> password) {
        List<String> log = logs.computeIfAbsent(name, device -> new CopyOnWriteArrayList<>());
        try {
            DeviceMqttConnection connection = DeviceMqttConnection.open(serverUri, clientId, username, password,
                    tls().getSocketFactory(), log);
            connections.computeIfAbsent(name, device -> new ArrayList<>()).add(connection);
            lastReturnCodes.put(name, 0);
        } catch (MqttException e) {
            lastReturnCodes.put(name, e.getReasonCode());
        }
    }

    /** The CONNACK return code of the device's last CONNECT: 0 when accepted, else Paho's reason code for the refusal. */
    int lastReturnCode(String name) {
        Integer code = lastReturnCodes.get(name);
        if (code == null) {
            throw new AssertionError("device '" + name + "' has not connected over MQTT in this scenario");
        }
        return code;
    }

    /** The device's most recent accepted connection. */
    DeviceMqttConnection latest(String name) {
        return all(name).getLast();
    }

    /** The device's first accepted connection in this scenario. */
    DeviceMqttConnection first(String name) {
        return all(name).getFirst();
    }

    /** What the device sent and received over MQTT in this scenario, one line each. */
    String evidence(String name) {
        return "MQTT of device '" + name + "':\n  " + String.join("\n  ", logs.getOrDefault(name, List.of()));
    }

    @Override
    public void dispose() {
        for (List<DeviceMqttConnection> opened : connections.values()) {
            for (DeviceMqttConnection connection : opened) {
                try {
                    connection.close();
                } catch (MqttException e) {
                    System.err.println("dpsrig: could not close an MQTT connection after the scenario: " + e.getMessage());
                }
            }
        }
    }

    private List<DeviceMqttConnection> all(String name) {
        List<DeviceMqttConnection> opened = connections.get(name);
        if (opened == null) {
            throw new AssertionError("device '" + name + "' has no accepted MQTT connection in this scenario; "
                    + evidence(name));
        }
        return opened;
    }

    /** The target's roots: the simulator's own, or on Azure the JDK's, as a device in the field trusts. */
    private SSLContext tls() {
        List<X509Certificate> roots = target.dpsEndpoint().trustedRoots();
        return roots.isEmpty() ? TlsContexts.clientTrustingJdkDefaults() : TlsContexts.client(roots);
    }

    private static String hostOf(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        return colon < 0 ? endpoint : endpoint.substring(0, colon);
    }
}
