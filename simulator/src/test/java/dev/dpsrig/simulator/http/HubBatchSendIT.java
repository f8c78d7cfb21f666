package dev.dpsrig.simulator.http;

import static dev.dpsrig.simulator.http.HubAssertions.assertNoContent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import dev.dpsrig.protocol.MessageProperty;
import dev.dpsrig.simulator.hub.DeviceMessage;
import dev.dpsrig.simulator.hub.SimulatedHub;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch send over real HTTPS with curl: {@code Content-Type: application/vnd.microsoft.iothub.json} and a
 * JSON array of entries, bodies base64 by default or text with {@code "base64Encoded": false}, properties
 * as the SDKs write them. Every entry is stored, in order, with its own properties.
 */
class HubBatchSendIT {
    private static final String DEVICE = "batch-device";
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private LocalSimulator simulator;
    private SimulatedHub hub;
    private HubClient hubClient;
    private HubDevices.Provisioned device;

    @BeforeEach
    void start() {
        simulator = LocalSimulator.start(SimulatorConfig.forTests());
        hub = simulator.iotHub(SimulatorConfig.DEFAULT_HUB);
        device = new HubDevices(simulator, dir).symmetricKey(DEVICE);
        hubClient = new HubClient(simulator, dir, device.assignedHub());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void base64AndTextBodiesWithTheirPropertiesAreStoredInOrder() {
        JsonArrayBuilder batch = Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("body", base64("{\"temperature\": 30}"))
                        .add("properties", Json.createObjectBuilder().add("iothub-app-alert", "true").add("iothub-messageid", "m-1")))
                .add(Json.createObjectBuilder().add("body", "{\"temperature\": 31}").add("base64Encoded", false)
                        .add("properties", Json.createObjectBuilder().add("iothub-messageid", "m-2")
                                .add("iothub-correlationid", "c-2").add("iothub-app-unit", "celsius").add("iothub-app-zone", "a")))
                .add(Json.createObjectBuilder().add("body", base64(new byte[] {0, (byte) 0xff, 0x10})).add("base64Encoded", true));

        CurlResponse sent = hubClient.sendBatch(DEVICE, device.hubCredentials(), batch.build().toString());

        assertNoContent(sent);
        List<DeviceMessage> stored = hub.awaitMessages(DEVICE, 3, WAIT);
        assertThat(stored).hasSize(3);
        assertThat(stored).extracting(DeviceMessage::sequenceNumber).containsExactly(1L, 2L, 3L);

        assertThat(stored.get(0).bodyText()).isEqualTo("{\"temperature\": 30}");
        assertThat(stored.get(0).properties()).containsExactly(entry("alert", "true"));
        assertThat(stored.get(0).systemProperties()).containsOnly(entry(MessageProperty.MESSAGE_ID, "m-1"));

        assertThat(stored.get(1).bodyText()).isEqualTo("{\"temperature\": 31}");
        assertThat(stored.get(1).properties()).containsExactly(entry("unit", "celsius"), entry("zone", "a"));
        assertThat(stored.get(1).systemProperties()).containsOnly(
                entry(MessageProperty.MESSAGE_ID, "m-2"), entry(MessageProperty.CORRELATION_ID, "c-2"));

        assertThat(stored.get(2).body()).containsExactly(0, 0xff, 0x10);
        assertThat(stored.get(2).properties()).isEmpty();
        assertThat(stored.get(2).systemProperties()).isEmpty();
        assertThat(stored).allSatisfy(message -> {
            assertThat(message.deviceId()).isEqualTo(DEVICE);
            assertThat(message.authMethod()).isEqualTo("sas");
        });
    }

    /** The Node client's form, with a space after each colon, and C#'s default of base64 without the field. */
    @Test
    void nodeStyleEntriesWithBase64BodiesByDefault() {
        String batch = "[{\"body\": \"" + base64("one") + "\", \"properties\": {\"iothub-app-k\": \"v1\"}},"
                + " {\"body\": \"" + base64("two") + "\", \"properties\": {\"iothub-app-k\": \"v2\"}}]";

        assertNoContent(hubClient.sendBatch(DEVICE, device.hubCredentials(), batch));

        assertThat(hub.awaitMessages(DEVICE, 2, WAIT)).extracting(DeviceMessage::bodyText, message -> message.properties().get("k"))
                .containsExactly(tuple("one", "v1"), tuple("two", "v2"));
    }

    /** C# sends its batch as a StringContent with an encoding: {@code application/vnd.microsoft.iothub.json; charset=utf-8}. */
    @Test
    void batchContentTypeWithACharsetParameterOrInAnotherCaseIsStillABatch() {
        String batch = "[{\"body\": \"" + base64("c#") + "\"}]";

        assertNoContent(hubClient.send(DEVICE, device.hubCredentials(), batch.getBytes(StandardCharsets.UTF_8),
                "Content-Type: application/vnd.microsoft.iothub.json; charset=utf-8"));
        assertNoContent(hubClient.send(DEVICE, device.hubCredentials(), batch.getBytes(StandardCharsets.UTF_8),
                "Content-Type: Application/Vnd.Microsoft.IotHub.Json"));

        assertThat(hub.awaitMessages(DEVICE, 2, WAIT)).extracting(DeviceMessage::bodyText).containsExactly("c#", "c#");
    }

    @Test
    void textBodyKeepsItsUnicodeAsUtf8() {
        JsonObjectBuilder entry = Json.createObjectBuilder().add("body", "Grüße, 温度 25°C").add("base64Encoded", false)
                .addNull("properties");

        assertNoContent(hubClient.sendBatch(DEVICE, device.hubCredentials(), Json.createArrayBuilder().add(entry).build().toString()));

        DeviceMessage stored = hub.awaitMessages(DEVICE, 1, WAIT).getFirst();
        assertThat(stored.body()).isEqualTo("Grüße, 温度 25°C".getBytes(StandardCharsets.UTF_8));
        assertThat(stored.properties()).isEmpty();
    }

    @Test
    void sameJsonWithoutTheBatchContentTypeIsOneMessageWhoseBodyIsThatJson() {
        String batch = "[{\"body\": \"" + base64("one") + "\"}]";

        assertNoContent(hubClient.send(DEVICE, device.hubCredentials(), batch.getBytes(StandardCharsets.UTF_8),
                "Content-Type: application/json"));

        assertThat(hub.awaitMessages(DEVICE, 1, WAIT)).extracting(DeviceMessage::bodyText).containsExactly(batch);
    }

    @Test
    void batchesFromTwoRequestsFollowEachOther() {
        assertNoContent(hubClient.sendBatch(DEVICE, device.hubCredentials(),
                "[{\"body\": \"a\", \"base64Encoded\": false}, {\"body\": \"b\", \"base64Encoded\": false}]"));
        assertNoContent(hubClient.seedTelemetry(DEVICE, device.hubCredentials()));
        assertNoContent(hubClient.sendBatch(DEVICE, device.hubCredentials(), "[{\"body\": \"c\", \"base64Encoded\": false}]"));

        assertThat(hub.awaitMessages(DEVICE, 4, WAIT)).extracting(DeviceMessage::bodyText)
                .containsExactly("a", "b", HubClient.SEED_TELEMETRY, "c");
    }

    private static String base64(String text) {
        return base64(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
