package dev.dpsrig.simulator.mqtt.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.protocol.RegistrationStatus;
import dev.dpsrig.protocol.SasToken;
import dev.dpsrig.simulator.dps.Attestation;
import dev.dpsrig.simulator.dps.DeviceCredentials;
import dev.dpsrig.simulator.dps.OperationStatus;
import dev.dpsrig.simulator.server.LocalSimulator;
import jakarta.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * Devices the simulator's DPS assigned to one of its hubs, as an MQTT client presents them to the hub: enrolled and
 * registered, with the user name and SAS token a device sends in its CONNECT.
 */
final class HubDevices {
    static final String API_VERSION = "?api-version=2021-04-12&DeviceClientType=paho";

    private final LocalSimulator simulator;
    private final String hubHost;

    HubDevices(LocalSimulator simulator, String hubHost) {
        this.simulator = simulator;
        this.hubHost = hubHost;
    }

    String username(String deviceId) {
        return hubHost + "/" + deviceId + "/" + API_VERSION;
    }

    String token(String deviceId, String key) {
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
