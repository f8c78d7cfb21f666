package dev.dpsrig.app.cli.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonValue;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class TabularOutputTest {
    private static final JsonValue ENROLLMENTS = json("""
            [{"registrationId": "dev-1", "attestation": {"type": "x509"}, "etag": "e1", "provisioningStatus": "enabled",
              "iotHubs": ["a", "b"], "edge": true},
             {"registrationId": "device-two", "deviceId": "two", "provisioningStatus": "disabled", "etag": "e2", "edge": false}]""");

    @Test
    void tableHasAColumnPerTopLevelValueAndLeavesOutNestedOnesAndEtags() {
        assertThat(TabularOutput.table(ENROLLMENTS)).isEqualTo("""
                RegistrationId  ProvisioningStatus  Edge   DeviceId
                --------------  ------------------  -----  --------
                dev-1           enabled             True
                device-two      disabled            False  two
                """);
    }

    @Test
    void tableOfASingleValueIsAResultColumn() {
        assertThat(TabularOutput.table(json("\"0ne000A1B2C\""))).isEqualTo("""
                Result
                -----------
                0ne000A1B2C
                """);
        assertThat(TabularOutput.table(json("[]"))).isEmpty();
    }

    @Test
    void tsvIsTheValuesOfEachRowInMemberOrder() {
        assertThat(TabularOutput.tsv(ENROLLMENTS)).isEqualTo("dev-1\t\te1\tenabled\t2\tTrue\ndevice-two\ttwo\tdisabled\te2\tFalse\n");
        assertThat(TabularOutput.tsv(json("[\"a\", \"b\"]"))).isEqualTo("a\nb\n");
        assertThat(TabularOutput.tsv(json("\"0ne000A1B2C\""))).isEqualTo("0ne000A1B2C\n");
    }

    @Test
    void queryIsJmesPath() {
        assertThat(JsonQuery.compile("[?provisioningStatus=='disabled'].deviceId | [0]").apply(ENROLLMENTS))
                .isEqualTo(Jsonp.provider().createValue("two"));
        assertThat(JsonQuery.compile("length(@)").apply(ENROLLMENTS)).hasToString("2");
        assertThatThrownBy(() -> JsonQuery.compile("[?status=="))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("'[?status==' is not a JMESPath expression: ");
    }

    @Test
    void colouredJsonIsTheSameJsonWithColours() {
        String coloured = ColoredJson.of(json("{\"a\": [1, \"x\"], \"b\": {}}"));
        assertThat(coloured).contains("\u001b[");
        assertThat(json(coloured.replaceAll("\u001b\\[\\d+m", ""))).isEqualTo(json("{\"a\": [1, \"x\"], \"b\": {}}"));
    }

    private static JsonValue json(String text) {
        return Jsonp.createReader(new StringReader(text)).readValue();
    }
}
