package dev.dpsrig.protocol.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.WireFormatException;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DevSettingsDocumentTest {
    private static final ServiceConnectionString CONNECTION =
            new ServiceConnectionString("127.0.42.1", "provisioningserviceowner", "ZHBzcmlnLWRldmVsb3BtZW50LXNlcnZpY2Uta2V5LTE=");

    @Test
    void whatTheSimulatorWritesReadsBackAsItWasAndKeepsTheKeyInTheConnectionString() {
        DevSettingsDocument written = new DevSettingsDocument("sdk-compatible", "0ne00DPSRIG", "127.0.42.1", "https://127.0.42.1",
                CONNECTION, Optional.empty(), List.of(new DevSettingsDocument.Hub("dpsrig-hub", "127.0.42.2",
                        Optional.of("127.0.42.2:8883"), Optional.of("wss://127.0.42.2/$iothub/websocket"))),
                "tls/dev-root-ca.cert.pem", Optional.of("-----BEGIN CERTIFICATE-----"), Optional.of("/data"),
                Optional.of("127.0.42.1:8883"), Optional.of("wss://127.0.42.1/$iothub/websocket"));

        JsonObject json = written.toJson();

        assertThat(json.getString("serviceConnectionString")).isEqualTo(
                "HostName=127.0.42.1;SharedAccessKeyName=provisioningserviceowner;SharedAccessKey=ZHBzcmlnLWRldmVsb3BtZW50LXNlcnZpY2Uta2V5LTE=");
        assertThat(json.containsKey("adminKey")).as("only when it differs from the service key").isFalse();
        assertThat(json.getString("dpsMqttWebSocketEndpoint")).isEqualTo("wss://127.0.42.1/$iothub/websocket");
        assertThat(json.getJsonArray("hubs").getJsonObject(0).getString("mqttWebSocketEndpoint"))
                .isEqualTo("wss://127.0.42.2/$iothub/websocket");
        assertThat(DevSettingsDocument.fromJson(json)).isEqualTo(written);
    }

    @Test
    void aHandWrittenFileNeedsOnlyWhatClientsUseAndAMissingKeyIsNamed() {
        DevSettingsDocument minimal = DevSettingsDocument.fromJson(json("""
                {"idScope":"0ne1","globalEndpoint":"dps.example:8443","trustedRootCertificate":"root.pem",
                 "serviceConnectionString":"hostname=dps.example:8443;sharedaccesskeyname=owner;sharedaccesskey=a2V5"}"""));

        assertThat(minimal.serviceConnectionString().hostName()).isEqualTo("dps.example:8443");
        assertThat(minimal.hubs()).isEmpty();
        assertThat(minimal.dpsMqttEndpoint()).as("files written before MQTT was served have none").isEmpty();
        assertThat(minimal.dpsMqttWebSocketEndpoint()).isEmpty();
        assertThatThrownBy(() -> DevSettingsDocument.fromJson(json("{\"idScope\":\" \"}")))
                .isInstanceOf(WireFormatException.class).hasMessage("has no serviceConnectionString");
        assertThatThrownBy(() -> DevSettingsDocument.fromJson(json("{\"serviceConnectionString\":\"HostName=x\"}")))
                .hasMessageStartingWith("serviceConnectionString: connection string has no SharedAccessKeyName");
    }

    private static JsonObject json(String text) {
        return Jsonp.createReader(new StringReader(text)).readObject();
    }
}
