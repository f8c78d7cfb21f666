package dev.dpsrig.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonInputTest {
    @Test
    void nestingUpToTheLimitIsRead() {
        JsonValue value = JsonInput.read(bytes("[".repeat(JsonInput.MAX_DEPTH) + "]".repeat(JsonInput.MAX_DEPTH)));

        assertThat(value.getValueType()).isEqualTo(JsonValue.ValueType.ARRAY);
    }

    @Test
    void nestingPastTheLimitIsRefusedNamingIt() {
        int depth = JsonInput.MAX_DEPTH + 1;

        assertThatThrownBy(() -> JsonInput.read(bytes("{\"a\":".repeat(depth - 1) + "[]" + "}".repeat(depth - 1))))
                .isInstanceOf(JsonInputException.class)
                .hasMessage("request body nests JSON deeper than 32 levels, the limit for a request");
    }

    @Test
    void aThousandLevelsAreRefusedTheSameWay() {
        assertThatThrownBy(() -> JsonInput.read(bytes("[".repeat(1001) + "]".repeat(1001))))
                .isInstanceOf(JsonInputException.class)
                .hasMessageContaining("deeper than 32 levels");
    }

    @Test
    void numbersUpToTheLimitAreRead() {
        String number = "1".repeat(JsonInput.MAX_NUMBER_LENGTH);

        assertThat(JsonInput.read(bytes("{\"n\": " + number + "}")).asJsonObject().getJsonNumber("n").toString()).isEqualTo(number);
    }

    @Test
    void longerNumbersAreRefusedNamingTheLimit() {
        assertThatThrownBy(() -> JsonInput.read(bytes("{\"n\": " + "9".repeat(1101) + "}")))
                .isInstanceOf(JsonInputException.class)
                .hasMessage("request body holds a JSON number longer than 100 characters, the limit for numbers in a request");
        assertThatThrownBy(() -> JsonInput.read(bytes("[0." + "5".repeat(JsonInput.MAX_NUMBER_LENGTH) + "]")))
                .isInstanceOf(JsonInputException.class)
                .hasMessageContaining("longer than 100 characters");
    }

    @Test
    void invalidUtf8IsRefusedRatherThanReplaced() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'};

        assertThatThrownBy(() -> JsonInput.read(body))
                .isInstanceOf(JsonInputException.class)
                .hasMessage("request body is not valid UTF-8 (at byte 6)");
    }

    @Test
    void validUtf8IsReadAsSent() {
        assertThat(JsonInput.read(bytes("{\"name\": \"Zürich 🌍\"}")).asJsonObject().getString("name")).isEqualTo("Zürich 🌍");
    }

    @Test
    void anEscapedSurrogatePairIsOneCharacter() {
        assertThat(JsonInput.read(bytes("[\"\\ud83c\\udf0d\"]")).asJsonArray().getString(0)).isEqualTo("🌍");
    }

    @Test
    void aLoneSurrogateIsRefusedNamingWhereItIs() {
        assertThatThrownBy(() -> JsonInput.read(bytes("{\"initialTwin\": {\"tags\": {\"site\": \"\\ud800\"}}}")))
                .isInstanceOf(JsonInputException.class)
                .hasMessage("request body holds an unpaired UTF-16 surrogate (\\ud800) in the string at $.initialTwin.tags.site,"
                        + " which is not a Unicode character");
        assertThatThrownBy(() -> JsonInput.read(bytes("[1, \"ok\", \"x\\udc00\"]")))
                .hasMessageContaining("(\\udc00) in the string at $[2]");
        assertThatThrownBy(() -> JsonInput.read(bytes("{\"\\ud800\": 1}")))
                .hasMessageContaining("in the string at $ (a member name)");
    }

    @Test
    void syntaxErrorsSayWhere() {
        assertThatThrownBy(() -> JsonInput.read(bytes("{\"registrationId\": ")))
                .isInstanceOf(JsonInputException.class)
                .hasMessageStartingWith("request body is not valid JSON: ");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
