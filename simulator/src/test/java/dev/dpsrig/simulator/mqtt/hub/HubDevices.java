package dev.dpsrig.simulator.mqtt.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.protocol.RegistrationStatus;
import dev.dpsrig.protocol.SasToken;
import dev.dpsrig.simulator.dps.Attestation;
import dev.dpsrig.simulator.dps.DeviceCredentials;
import dev.dpsrig.simulator.dps.OperationStatus;
import dev.dpsrig.simulator.mqtt.PahoConnections;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import jakarta.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * Devices of the running simulator's default hub, as the hub's MQTT tests make them: provisioned by DPS, then
 * connected with Eclipse Paho, with the user name and SAS token IoT Hub expects.
 */
final class HubDevices {
    static final String API_VERSION = "?api-version=2021-04-12&DeviceClientType=paho";

    private final LocalSimulator simulator;
    private final String hubHost;

    HubDevices(LocalSimulator simulator) {
        this.simulator = simulator;
        this.hubHost = simulator.iotHub(SimulatorConfig.DEFAULT_HUB).hub().hostName();
    }

    String hubHost() {
        return hubHost;
    }

    String username(String deviceId) {
        return hubHost + "/" + deviceId + "/" + API_VERSION;
    }

    String hubToken(String deviceId, String key) {
        return SasToken.sign(hubHost + "/devices/" + deviceId, key, Instant.now().plus(Duration.ofHours(1)), Optional.empty())
                .toAuthorizationHeader();
    }

    /** An individual symmetric-key enrollment, registered and assigned to the hub; its key. */
    String provisionSymmetricKey(String registrationId) throws InterruptedException {
        Attestation attestation = simulator.service().putEnrollment(registrationId, Json.createObjectBuilder()
                .add("attestation", Json.createObjectBuilder().add("type", "symmetricKey")).build(), Optional.empty()).attestation();
        String key = ((Attestation.SymmetricKey) attestation).primaryKey();
        assigned(registrationId, new DeviceCredentials.Sas(SasToken.sign(simulator.idScope() + "/registrations/" + registrationId,
                key, Instant.now().plus(Duration.ofHours(1)), Optional.of("registration"))));
        return key;
    }

    /** An individual X.509 enrollment of {@code certificate} (self-signed), registered and assigned to the hub. */
    void provisionX509(String registrationId, HeldCertificate certificate) throws InterruptedException {
        simulator.service().putEnrollment(registrationId, Json.createObjectBuilder().add("attestation", Json.createObjectBuilder()
                .add("type", "x509").add("x509", Json.createObjectBuilder().add("clientCertificates", Json.createObjectBuilder()
                        .add("primary", Json.createObjectBuilder().add("certificate", certificate.certificatePem())))))
                .build(), Optional.empty());
        assigned(registrationId, new DeviceCredentials.ClientCertificate(List.of(certificate.certificate())));
    }

    private void assigned(String registrationId, DeviceCredentials credentials) throws InterruptedException {
        OperationStatus operation = simulator.service().register(simulator.idScope(), registrationId, credentials, Optional.empty());
        for (int i = 0; !operation.status().isTerminal() && i < 100; i++) {
            Thread.sleep(50);
            operation = simulator.service().lookupOperation(simulator.idScope(), registrationId, operation.operationId(), credentials);
        }
        assertThat(operation.status()).isEqualTo(RegistrationStatus.ASSIGNED);
    }

    /** Device {@code deviceId} connected with its key's SAS token, what arrives going to {@code callback}. */
    MqttClient connect(String deviceId, String key, Optional<MqttCallback> callback) throws MqttException {
        return connect(deviceId, username(deviceId), Optional.of(hubToken(deviceId, key)), Optional.empty(), callback);
    }

    MqttClient connect(String clientId, String username, Optional<String> password, Optional<HeldCertificate> certificate,
                       Optional<MqttCallback> callback) throws MqttException {
        return PahoConnections.connect(simulator, mqttPort(), clientId, username, password, certificate, callback);
    }

    /** Device {@code deviceId} connected with its key's SAS token and CleanSession 0, as the Azure device SDKs connect. */
    MqttClient connectKeepingSession(String deviceId, String key, Optional<MqttCallback> callback) throws MqttException {
        return PahoConnections.connectKeepingSession(simulator, mqttPort(), deviceId, username(deviceId),
                Optional.of(hubToken(deviceId, key)), callback);
    }

    private int mqttPort() {
        String endpoint = simulator.hubMqttEndpoint(SimulatorConfig.DEFAULT_HUB);
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    static void awaitDisconnected(MqttClient client) throws InterruptedException {
        for (int i = 0; client.isConnected() && i < 100; i++) {
            Thread.sleep(50);
        }
        assertThat(client.isConnected()).as("connected").isFalse();
    }

    static void close(MqttClient client) throws MqttException {
        if (client.isConnected()) {
            client.disconnectForcibly(1000, 1000);
        }
        client.close(true);
    }
}
