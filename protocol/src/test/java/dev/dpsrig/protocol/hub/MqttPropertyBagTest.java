package dev.dpsrig.protocol.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.dpsrig.protocol.MessageProperty;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MqttPropertyBagTest {
    @Test
    void systemPropertiesAreTheDollarDotNamesAndEverythingElseIsAnApplicationPropertyDecoded() {
        MqttPropertyBag bag = MqttPropertyBag.parse("$.mid=m%2F1&$.ct=application%2Fjson&$.ce=utf-8&$.ctime=2026-01-01T00%3A00%3A00Z"
                + "&$.to=%2Fdevices%2Fx&a+b=c%26d&flag");

        assertThat(bag.systemProperties()).containsOnly(entry(MessageProperty.MESSAGE_ID, "m/1"),
                entry(MessageProperty.CONTENT_TYPE, "application/json"), entry(MessageProperty.CONTENT_ENCODING, "utf-8"),
                entry(MessageProperty.CREATION_TIME_UTC, "2026-01-01T00:00:00Z"));
        assertThat(bag.applicationProperties()).containsExactly(entry("a b", "c&d"), entry("flag", ""));
    }

    @Test
    void anEmptyBagHasNoPropertiesAndANamelessPropertyOrABadEncodingIsRefused() {
        assertThat(MqttPropertyBag.parse("").applicationProperties()).isEmpty();
        assertThat(MqttPropertyBag.parse("").systemProperties()).isEmpty();
        assertThatThrownBy(() -> MqttPropertyBag.parse("=v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MqttPropertyBag.parse("k=%zz")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCloudToDeviceBagStartsWithToAndEncodesDollarsSpacesAndSeparatorsAndReadsBackTheSame() {
        MqttPropertyBag bag = new MqttPropertyBag(Map.of("a b", "c&d=e"), Map.of(MessageProperty.MESSAGE_ID, "m/1",
                MessageProperty.CORRELATION_ID, "c-1", MessageProperty.ACK, "full", MessageProperty.USER_ID, ""));

        String topicLevel = bag.toDeviceBound("dev 1");

        assertThat(topicLevel).isEqualTo("%24.to=%2Fdevices%2Fdev%201%2Fmessages%2FdeviceBound&%24.mid=m%2F1&%24.cid=c-1"
                + "&iothub-ack=full&a%20b=c%26d%3De");
        assertThat(MqttPropertyBag.parse(topicLevel).applicationProperties()).containsExactly(entry("a b", "c&d=e"));
        assertThat(MqttPropertyBag.parse(topicLevel).systemProperties()).containsOnly(entry(MessageProperty.MESSAGE_ID, "m/1"),
                entry(MessageProperty.CORRELATION_ID, "c-1"), entry(MessageProperty.ACK, "full"));
    }

    @Test
    void aDeviceEncodesSystemPropertiesFirstAndEverythingPercentEncodedSoTheHubReadsItBack() {
        Map<String, String> application = new LinkedHashMap<>();
        application.put("temperature unit", "°C");
        application.put("a&b=c", "x+y/z");
        MqttPropertyBag bag = new MqttPropertyBag(application, Map.of(MessageProperty.CONTENT_TYPE, "application/json",
                MessageProperty.MESSAGE_ID, "m 1"));

        String encoded = bag.encode();

        assertThat(encoded).isEqualTo("$.mid=m%201&$.ct=application%2Fjson&temperature%20unit=%C2%B0C&a%26b%3Dc=x%2By%2Fz");
        assertThat(MqttPropertyBag.parse(encoded)).isEqualTo(bag);
    }
}
