package dev.dpsrig.simulator.mqtt;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.TlsContexts;
import dev.dpsrig.simulator.server.LocalSimulator;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** Eclipse Paho connected to one of the simulator's MQTT listeners, the way a device connects to Azure's. */
public final class PahoConnections {
    private PahoConnections() {
    }

    /**
     * An MQTT 3.1.1 clean session over TLS to {@code port} on loopback, trusting the simulator's root,
     * with a SAS {@code password} or a client {@code certificate}; a refused CONNACK comes out as the
     * {@link MqttException}'s reason code, and the client is closed.
     */
    public static MqttClient connect(LocalSimulator simulator, int port, String clientId, String username, Optional<String> password,
                                     Optional<HeldCertificate> certificate, Optional<MqttCallback> callback) throws MqttException {
        return connect(simulator, "ssl://127.0.0.1:" + port, clientId, username, password, certificate, callback);
    }

    private static final long WAIT_MILLIS = 15_000;

    /**
     * The same, to {@code serverUri}: {@code ssl://host:port}, or {@code wss://host[:port]/path} for MQTT over
     * WebSockets over TLS.
     */
    public static MqttClient connect(LocalSimulator simulator, String serverUri, String clientId, String username,
                                     Optional<String> password, Optional<HeldCertificate> certificate,
                                     Optional<MqttCallback> callback) throws MqttException {
        return connect(simulator, serverUri, clientId, username, password, certificate, callback, true);
    }

    /**
     * The same over TLS to {@code port}, with CleanSession 0, as the Azure device SDKs connect: the server keeps the
     * session (its subscriptions) for the client id's next such connection.
     */
    public static MqttClient connectKeepingSession(LocalSimulator simulator, int port, String clientId, String username,
                                                   Optional<String> password, Optional<MqttCallback> callback) throws MqttException {
        return connect(simulator, "ssl://127.0.0.1:" + port, clientId, username, password, Optional.empty(), callback, false);
    }

    private static MqttClient connect(LocalSimulator simulator, String serverUri, String clientId, String username,
                                      Optional<String> password, Optional<HeldCertificate> certificate,
                                      Optional<MqttCallback> callback, boolean cleanSession) throws MqttException {
        MqttClient client = new MqttClient(serverUri, clientId, new MemoryPersistence());
        // Paho waits for a token forever by default, and a connection the server closes mid-publish can leave a token
        // that never completes: a test then fails with Paho's timeout instead of hanging the build.
        client.setTimeToWait(WAIT_MILLIS);
        callback.ifPresent(client::setCallback);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(cleanSession);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(60);
        options.setUserName(username);
        password.ifPresent(text -> options.setPassword(text.toCharArray()));
        List<X509Certificate> trusted = List.of(simulator.trustedRoot());
        SSLContext tls = certificate.map(identity -> TlsContexts.client(identity, trusted)).orElseGet(() -> TlsContexts.client(trusted));
        options.setSocketFactory(tls.getSocketFactory());
        options.setHttpsHostnameVerificationEnabled(false);
        try {
            client.connect(options);
        } catch (MqttException e) {
            client.close(true);
            throw e;
        }
        return client;
    }
}
