package dev.dpsrig.protocol.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.MessageProperty;
import dev.dpsrig.protocol.WireFormatException;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The hub's bodies as both sides read and write them: the device API's error body and the inspection API's views. */
class HubContractTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:10:00.1234567Z");
    private static final MessageProperties PROPERTIES = new MessageProperties(Map.of("alert", "true"),
            Map.of(MessageProperty.MESSAGE_ID, "m-1", MessageProperty.CONTENT_TYPE, "application/json"));
    private static final CloudToDeviceView REBOOT = new CloudToDeviceView(7, "sensor-1", AT, AT.plusSeconds(3600),
            PROPERTIES, body("reboot"), Optional.of("reboot"));

    @Test
    void aDeviceMessageReadsIntoTypedFieldsAndWritesBackAsItCame() {
        JsonObject wire = json("""
                {"sequenceNumber":1,"hub":"east","deviceId":"sensor-1","moduleId":"module-a",\
                "enqueuedTime":"2026-01-01T00:10:00.1234567Z","authMethod":"sas","properties":{"alert":"false"},\
                "systemProperties":{"messageId":"m-1","contentType":"application/json"},"body":"eyJ0ZW1wIjoyMS41fQ==",\
                "bodyText":"{\\"temp\\":21.5}"}""");

        DeviceMessageView message = DeviceMessageView.fromJson(wire);

        assertThat(message.moduleId()).contains("module-a");
        assertThat(message.enqueuedTime()).isEqualTo(AT);
        assertThat(message.properties().application()).containsExactly(Map.entry("alert", "false"));
        assertThat(message.properties().system()).containsEntry(MessageProperty.CONTENT_TYPE, "application/json");
        assertThat(message.body()).isEqualTo(body("{\"temp\":21.5}"));
        assertThat(message.bodyText()).contains("{\"temp\":21.5}");
        assertThat(message.toJson()).isEqualTo(wire);
        assertThat(new DeviceMessageView(message.sequenceNumber(), message.hub(), message.deviceId(), message.moduleId(),
                message.enqueuedTime(), message.authMethod(), message.properties(), message.body(), Optional.empty()).showingText())
                .as("the text shown is the body's").isEqualTo(message);
        assertThat(message.toJson().keySet()).as("members in the order the API writes them").containsExactlyElementsOf(wire.keySet());
        assertThat(DeviceMessageView.fromJson(message.toJson())).isEqualTo(message);
    }

    @Test
    void aBodyThatIsNotUtf8IsShownInBase64Only() {
        DeviceMessageView binary = new DeviceMessageView(2, "east", "sensor-1", Optional.empty(), AT, "selfSigned",
                new MessageProperties(Map.of(), Map.of()), new MessageBody(new byte[] {(byte) 0xff, 0, 1, 2}), Optional.empty())
                .showingText();

        assertThat(binary.bodyText()).isEmpty();
        assertThat(binary.toJson()).doesNotContainKeys("bodyText", "moduleId").containsEntry("body", Jsonp.provider().createValue("/wABAg=="));
        assertThat(DeviceMessageView.fromJson(binary.toJson())).isEqualTo(binary);
    }

    @Test
    void aCloudToDeviceMessageAQueuedOneAndASettlementRoundTrip() {
        QueuedMessageView locked = new QueuedMessageView(REBOOT, 2, Optional.of(AT.plusSeconds(60)));
        QueuedMessageView visible = new QueuedMessageView(REBOOT, 0, Optional.empty());
        SettlementView settlement = new SettlementView(REBOOT, SettlementView.Outcome.DELIVERY_COUNT_EXCEEDED, 10, AT.plusSeconds(5));

        assertThat(REBOOT.toJson().getString("bodyText")).isEqualTo("reboot");
        assertThat(REBOOT.toJson().keySet()).containsExactly("sequenceNumber", "deviceId", "enqueuedTime", "expiresAt",
                "properties", "systemProperties", "body", "bodyText");
        assertThat(CloudToDeviceView.fromJson(REBOOT.toJson())).isEqualTo(REBOOT);
        assertThat(locked.toJson().getString("state")).isEqualTo("locked");
        assertThat(locked.toJson().getString("lockedUntil")).isEqualTo("2026-01-01T00:11:00.1234567Z");
        assertThat(visible.toJson().getString("state")).isEqualTo("visible");
        assertThat(visible.toJson()).doesNotContainKey("lockedUntil");
        assertThat(QueuedMessageView.fromJson(locked.toJson())).isEqualTo(locked);
        assertThat(QueuedMessageView.fromJson(visible.toJson())).isEqualTo(visible);
        assertThat(settlement.toJson().getString("outcome")).isEqualTo("delivery_count_exceeded");
        assertThat(SettlementView.fromJson(settlement.toJson())).isEqualTo(settlement);
    }

    @Test
    void systemPropertiesAreWrittenInOneOrderAndUnknownOnesAreLeftOutWhenRead() {
        MessageProperties read = MessageProperties.fromJson(json("""
                {"properties":{"b":"2","a":"1"},"systemProperties":{"userId":"u","someFutureProperty":"x","messageId":"m"}}"""),
                "a message");

        assertThat(read.application().keySet()).containsExactly("b", "a");
        assertThat(read.system().keySet()).containsExactly(MessageProperty.MESSAGE_ID, MessageProperty.USER_ID);
    }

    @Test
    void aViewMissingARequiredFieldOrWithABadBodyIsRefusedByName() {
        JsonObject complete = REBOOT.toJson();

        assertThatThrownBy(() -> CloudToDeviceView.fromJson(Jsonp.createObjectBuilder(complete).remove("expiresAt").build()))
                .isInstanceOf(WireFormatException.class).hasMessage("a cloud-to-device message has no timestamp field 'expiresAt'");
        assertThatThrownBy(() -> CloudToDeviceView.fromJson(Jsonp.createObjectBuilder(complete).add("body", "%%").build()))
                .isInstanceOf(WireFormatException.class).hasMessageStartingWith("a cloud-to-device message has a body that is not base64");
        assertThatThrownBy(() -> CloudToDeviceView.fromJson(Jsonp.createObjectBuilder(complete)
                        .add("properties", Jsonp.createObjectBuilder().add("n", 1)).build()))
                .isInstanceOf(WireFormatException.class).hasMessage("a cloud-to-device message has a property 'n' that is not a string");
        assertThatThrownBy(() -> SettlementView.fromJson(Jsonp.createObjectBuilder(
                        new SettlementView(REBOOT, SettlementView.Outcome.EXPIRED, 0, AT).toJson()).add("outcome", "lost").build()))
                .isInstanceOf(WireFormatException.class).hasMessage("a settlement has an unknown outcome 'lost'");
    }

    @Test
    void aHubErrorCarriesItsFieldsAsJsonInsideTheMessageString() {
        HubErrorBody error = new HubErrorBody(404001, "abc-G:0-TimeStamp:01/01/2026 00:10:00", "device 'd' is not here", AT);

        JsonObject wire = error.toJson();

        assertThat(wire.keySet()).containsExactly("Message", "ExceptionMessage");
        assertThat(wire.getString("ExceptionMessage")).isEmpty();
        JsonObject inner = json(wire.getString("Message"));
        assertThat(inner.keySet()).containsExactly("errorCode", "trackingId", "message", "timestampUtc");
        assertThat(inner.getString("timestampUtc")).isEqualTo("2026-01-01T00:10:00.1234567Z");
        HubErrorBody.Read read = HubErrorBody.read(wire.toString());
        assertThat(read.envelope()).contains(wire.getString("Message"));
        assertThat(new HubErrorBody(read.errorCode().orElseThrow(), read.trackingId().orElseThrow(), read.message().orElseThrow(),
                Instant.parse(inner.getString("timestampUtc")))).isEqualTo(error);
    }

    @Test
    void aClientReadsWhatItCanOfAnyErrorBody() {
        assertThat(HubErrorBody.read("{\"Message\":\"plain words\",\"ExceptionMessage\":\"\"}"))
                .isEqualTo(new HubErrorBody.Read(Optional.of("plain words"), Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(HubErrorBody.read("{\"Message\":\"{\\\"errorCode\\\":\\\"x\\\"}\"}").message()).isEmpty();
        assertThat(HubErrorBody.read("<html>bad gateway</html>").envelope()).isEmpty();
        assertThat(HubErrorBody.read("{\"message\":\"lower case is DPS's\"}").envelope()).isEmpty();
    }

    private static MessageBody body(String text) {
        return new MessageBody(text.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonObject json(String text) {
        return Jsonp.createReader(new StringReader(text)).readObject();
    }
}
