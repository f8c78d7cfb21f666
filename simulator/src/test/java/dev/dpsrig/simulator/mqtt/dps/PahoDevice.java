package dev.dpsrig.simulator.mqtt.dps;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.simulator.dps.Attestation;
import dev.dpsrig.simulator.mqtt.PahoConnections;
import dev.dpsrig.simulator.server.LocalSimulator;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/**
 * A device speaking MQTT to the simulator's DPS with a plain MQTT client (Eclipse Paho), topic by topic, over TLS
 * trusting only the simulator's root: what an SDK does, written out by hand.
 */
final class PahoDevice implements AutoCloseable {
    static final String RESPONSES = "$dps/registrations/res/#";
    static final String API_VERSION = "api-version=2019-03-31";

    private final MqttClient client;
    private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();

    /** An answer on the response topic. */
    record Answer(String topic, String body) {
        JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        int status() {
            return Integer.parseInt(topic.split("/")[3]);
        }
    }

    private PahoDevice(MqttClient client) {
        this.client = client;
    }

    /**
     * Connects as {@code clientId} with {@code username} and, when given, a password (a SAS token) and a client
     * certificate; the CONNACK's refusal comes out as the {@link MqttException}'s reason code.
     */
    static PahoDevice connect(LocalSimulator simulator, String clientId, String username, Optional<String> password,
                              Optional<HeldCertificate> certificate) throws MqttException {
        return connect(simulator, "ssl://127.0.0.1:" + simulator.dpsMqttPort(), clientId, username, password, certificate);
    }

    /** The same, to {@code serverUri}: the DPS's MQTT port ({@code ssl://}) or its MQTT over WebSockets ({@code wss://}). */
    static PahoDevice connect(LocalSimulator simulator, String serverUri, String clientId, String username, Optional<String> password,
                              Optional<HeldCertificate> certificate) throws MqttException {
        MqttClient client = PahoConnections.connect(simulator, serverUri, clientId, username, password, certificate,
                Optional.empty());
        PahoDevice device = new PahoDevice(client);
        // Nothing arrives before the device subscribes, after this.
        client.setCallback(device.callback());
        return device;
    }

    static String username(String idScope, String registrationId) {
        return idScope + "/registrations/" + registrationId + "/" + API_VERSION + "&ClientVersion=2019-03-31";
    }

    /** Subscribes to each filter at its QoS; the QoS granted to each (128 for a refusal). */
    int[] subscribe(String[] filters, int[] qos) throws MqttException {
        return client.subscribeWithResponse(filters, qos).getGrantedQos();
    }

    void subscribeToAnswers() throws MqttException {
        subscribe(new String[] {RESPONSES}, new int[] {1});
    }

    void publish(String topic, String body) throws MqttException {
        client.publish(topic, body.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    /** Publishes and waits for the next answer. */
    Answer request(String topic, String body) throws Exception {
        publish(topic, body);
        Answer answer = answers.poll(10, TimeUnit.SECONDS);
        if (answer == null) {
            throw new AssertionError("no answer on " + RESPONSES + " to " + topic);
        }
        return answer;
    }

    /** The next answer to arrive within {@code wait}, if one does. */
    Optional<Answer> nextAnswer(Duration wait) throws InterruptedException {
        return Optional.ofNullable(answers.poll(wait.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Registers, then polls the operation until it ends; the last answer. */
    Answer registerAndPoll(String body) throws Exception {
        Answer answer = request("$dps/registrations/PUT/iotdps-register/?$rid=1", body);
        for (int rid = 2; answer.status() == 202 && rid < 50; rid++) {
            TimeUnit.MILLISECONDS.sleep(50);
            answer = request("$dps/registrations/GET/iotdps-get-operationstatus/?$rid=" + rid + "&operationId="
                    + answer.json().getString("operationId"), "");
        }
        return answer;
    }

    boolean isConnected() {
        return client.isConnected();
    }

    private MqttCallback callback() {
        return new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                // a test that expects the connection to end looks at isConnected()
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                answers.add(new Answer(topic, new String(message.getPayload(), StandardCharsets.UTF_8)));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        };
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnectForcibly(1000, 1000);
        }
        client.close(true);
    }

    /** Enrolls {@code registrationId} with a symmetric key; its primary key. */
    static String enrollSymmetricKey(LocalSimulator simulator, String registrationId) {
        Attestation attestation = simulator.service().putEnrollment(registrationId, Json.createObjectBuilder()
                .add("attestation", Json.createObjectBuilder().add("type", "symmetricKey")).build(), Optional.empty()).attestation();
        return ((Attestation.SymmetricKey) attestation).primaryKey();
    }

    /** A SAS token whose {@code sr} is {@code resource} exactly as given, signed over that text. */
    static String sas(String resource, String base64Key) throws Exception {
        long expiry = Instant.now().plus(Duration.ofHours(1)).getEpochSecond();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(base64Key), "HmacSHA256"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal((resource + "\n" + expiry).getBytes(StandardCharsets.UTF_8)));
        return "SharedAccessSignature sr=" + resource + "&sig=" + URLEncoder.encode(signature, StandardCharsets.UTF_8)
                + "&se=" + expiry + "&skn=registration";
    }
}
