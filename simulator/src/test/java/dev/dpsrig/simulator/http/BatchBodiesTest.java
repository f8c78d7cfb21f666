package dev.dpsrig.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.dpsrig.protocol.HubErrorCode;
import dev.dpsrig.protocol.HubException;
import dev.dpsrig.protocol.MessageProperty;
import dev.dpsrig.simulator.hub.IncomingMessage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BatchBodiesTest {

    @Nested
    class Bodies {
        @Test
        void base64IsTheDefault() {
            List<IncomingMessage> messages = parse("[{\"body\": \"" + base64("hello") + "\"}]");

            assertThat(messages).singleElement().satisfies(message -> assertThat(text(message)).isEqualTo("hello"));
        }

        @Test
        void base64EncodedTrueAndFalse() {
            List<IncomingMessage> messages = parse("[{\"body\": \"" + base64("one") + "\", \"base64Encoded\": true},"
                    + "{\"body\": \"{\\\"t\\\": 2}\", \"base64Encoded\": false}]");

            assertThat(messages).extracting(BatchBodiesTest::text).containsExactly("one", "{\"t\": 2}");
        }

        @Test
        void textBodyIsEncodedAsUtf8() {
            assertThat(parse("[{\"body\": \"25°C\", \"base64Encoded\": false}]").getFirst().body())
                    .isEqualTo("25°C".getBytes(StandardCharsets.UTF_8));
        }

        @Test
        void binaryBase64BodyIsKeptByteForByte() {
            byte[] bytes = {0, 1, (byte) 0x80, (byte) 0xff};

            assertThat(parse("[{\"body\": \"" + Base64.getEncoder().encodeToString(bytes) + "\"}]").getFirst().body())
                    .isEqualTo(bytes);
        }

        @Test
        void emptyBody() {
            assertThat(parse("[{\"body\": \"\"}]").getFirst().body()).isEmpty();
        }

        @Test
        void entriesKeepTheirOrder() {
            assertThat(parse("[{\"body\":\"a\",\"base64Encoded\":false},{\"body\":\"b\",\"base64Encoded\":false},"
                    + "{\"body\":\"c\",\"base64Encoded\":false}]")).extracting(BatchBodiesTest::text).containsExactly("a", "b", "c");
        }
    }

    @Nested
    class Properties {
        @Test
        void applicationPropertiesLoseTheirPrefixAndKeepTheirOrder() {
            IncomingMessage message = parse("[{\"body\": \"\", \"properties\": {\"iothub-app-zeta\": \"1\", "
                    + "\"iothub-app-Alpha\": \"2\", \"IOTHUB-APP-mid\": \"3\"}}]").getFirst();

            assertThat(message.properties()).containsExactly(entry("zeta", "1"), entry("Alpha", "2"), entry("mid", "3"));
            assertThat(message.systemProperties()).isEmpty();
        }

        @Test
        void systemPropertiesByTheirHeaderNames() {
            IncomingMessage message = parse("[{\"body\": \"\", \"properties\": {\"iothub-messageid\": \"m-1\", "
                    + "\"iothub-correlationid\": \"c-1\", \"iothub-contenttype\": \"application/json\", "
                    + "\"iothub-contentencoding\": \"utf-8\", \"iothub-creationtimeutc\": \"2024-01-01T00:00:00Z\", "
                    + "\"iothub-userid\": \"u\", \"dt-subject\": \"thermostat1\"}}]").getFirst();

            assertThat(message.systemProperties()).containsOnly(
                    entry(MessageProperty.MESSAGE_ID, "m-1"),
                    entry(MessageProperty.CORRELATION_ID, "c-1"),
                    entry(MessageProperty.CONTENT_TYPE, "application/json"),
                    entry(MessageProperty.CONTENT_ENCODING, "utf-8"),
                    entry(MessageProperty.CREATION_TIME_UTC, "2024-01-01T00:00:00Z"),
                    entry(MessageProperty.USER_ID, "u"),
                    entry(MessageProperty.DT_SUBJECT, "thermostat1"));
            assertThat(message.properties()).isEmpty();
        }

        @Test
        void namesThatAreNeitherAreIgnored() {
            IncomingMessage message = parse("[{\"body\": \"\", \"properties\": {\"iothub-operation\": \"d2c\", \"color\": \"red\"}}]")
                    .getFirst();

            assertThat(message.properties()).isEmpty();
            assertThat(message.systemProperties()).isEmpty();
        }

        @Test
        void nullOrMissingPropertiesAreNone() {
            assertThat(parse("[{\"body\": \"\", \"properties\": null}, {\"body\": \"\"}]"))
                    .allSatisfy(message -> assertThat(message.properties()).isEmpty());
        }
    }

    @Nested
    class FormatErrors {
        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
                "[{\"body\": \"a\"                                  | a batch body must be a JSON array of messages",
                "{\"body\": \"a\"}                                  | a batch body must be a JSON array of messages",
                "not json                                           | a batch body must be a JSON array of messages",
                "[]                                                 | the batch holds no messages",
                "[42]                                               | batch entry 0 is number, not an object",
                "[{\"body\": \"\"}, \"text\"]                       | batch entry 1 is string, not an object",
                "[{\"properties\": {}}]                             | batch entry 0 has no string \"body\"",
                "[{\"body\": 42}]                                   | batch entry 0 has no string \"body\"",
                "[{\"body\": \"a\", \"base64Encoded\": \"false\"}]  | batch entry 0: \"base64Encoded\" must be true or false",
                "[{\"body\": \"not base64!\"}]                      | batch entry 0: \"body\" is not base64",
                "[{\"body\": \"\", \"properties\": []}]             | batch entry 0: \"properties\" must be an object",
                "[{\"body\": \"\", \"properties\": {\"iothub-app-n\": 1}}] | batch entry 0: property 'iothub-app-n' must be a string"})
        void refusedAsIotHubFormatError(String body, String message) {
            assertThatThrownBy(() -> parse(body))
                    .isInstanceOfSatisfying(HubException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(HubErrorCode.IOT_HUB_FORMAT_ERROR))
                    .hasMessageContaining(message);
        }

        @Test
        void textBodyThatLooksLikeBase64IsStillDecodedUnlessMarkedAsText() {
            assertThat(text(parse("[{\"body\": \"dGVzdA==\"}]").getFirst())).isEqualTo("test");
            assertThat(text(parse("[{\"body\": \"dGVzdA==\", \"base64Encoded\": false}]").getFirst())).isEqualTo("dGVzdA==");
        }
    }

    private static List<IncomingMessage> parse(String json) {
        return BatchBodies.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(IncomingMessage message) {
        return new String(message.body(), StandardCharsets.UTF_8);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
