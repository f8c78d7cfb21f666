package dev.dpsrig.protocol;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Map.Entry;

/**
 * JSON that arrived in a request, read with limits a hostile body cannot get past: strict UTF-8,
 * a bounded nesting depth and number length, and strings that are valid Unicode (no unpaired
 * surrogate, which JSON's {@code \\u} escapes can spell but no UTF-8 file or answer can hold). Every
 * refusal is a {@link JsonInputException} whose message says, in the sender's terms, what was wrong.
 */
public final class JsonInput {
    /**
     * The deepest nesting a request body may have. The deepest document Azure documents is a twin:
     * IoT Hub caps tags and desired properties at 10 levels; an enrollment puts the initial twin 4
     * levels down and a bulk operation 2 more. 32 leaves room for custom allocation payloads and
     * stops the 1,000-level documents that exhaust a parser.
     */
    public static final int MAX_DEPTH = 32;

    /**
     * The longest JSON number a request may hold, in characters. A double needs at most 24 and a
     * 64-bit integer 20; nothing in the DPS or IoT Hub APIs takes more, and longer numbers cost
     * time to convert.
     */
    public static final int MAX_NUMBER_LENGTH = 100;

    /** Parsson refuses a document once its depth count reaches the limit, so the limit is one more than the deepest allowed. */
    private static final JsonReaderFactory READERS = Jsonp.provider().createReaderFactory(Map.of(
            "org.eclipse.parsson.maxDepth", MAX_DEPTH + 1,
            "org.eclipse.parsson.maxBigDecimalLength", MAX_NUMBER_LENGTH));

    private JsonInput() {
    }

    /** A JSON value of any type from the body's bytes. */
    public static JsonValue read(byte[] utf8) {
        String text = decodeUtf8(utf8);
        JsonValue value;
        try (JsonReader reader = READERS.createReader(new StringReader(text))) {
            value = reader.readValue();
        } catch (JsonParsingException e) {
            throw new JsonInputException("request body is not valid JSON: " + e.getMessage());
        } catch (UnsupportedOperationException e) {
            // Parsson's refusal of a number longer than the configured length
            throw new JsonInputException("request body holds a JSON number longer than " + MAX_NUMBER_LENGTH
                    + " characters, the limit for numbers in a request");
        } catch (RuntimeException e) {
            if (String.valueOf(e.getMessage()).startsWith("Input is too deeply nested")) {
                throw new JsonInputException("request body nests JSON deeper than " + MAX_DEPTH
                        + " levels, the limit for a request");
            }
            throw new JsonInputException("request body is not valid JSON");
        }
        checkStrings(value, "$");
        return value;
    }

    /** The bytes as UTF-8 text, refusing what is not UTF-8 rather than putting U+FFFD in its place. */
    public static String decodeUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new JsonInputException("request body is not valid UTF-8 (at byte " + firstInvalidByte(bytes) + ")");
        }
    }

    /** Every string and member name must be valid Unicode; the depth bound keeps this recursion short. */
    private static void checkStrings(JsonValue value, String path) {
        switch (value.getValueType()) {
            case STRING -> checkText(((JsonString) value).getString(), path);
            case OBJECT -> {
                for (Entry<String, JsonValue> member : ((JsonObject) value).entrySet()) {
                    checkText(member.getKey(), path + " (a member name)");
                    checkStrings(member.getValue(), path + "." + member.getKey());
                }
            }
            case ARRAY -> {
                JsonArray array = (JsonArray) value;
                for (int i = 0; i < array.size(); i++) {
                    checkStrings(array.get(i), path + "[" + i + "]");
                }
            }
            default -> {
            }
        }
    }

    private static void checkText(String text, String path) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new JsonInputException("request body holds an unpaired UTF-16 surrogate (\\u" + String.format("%04x", (int) c)
                        + ") in the string at " + path + ", which is not a Unicode character");
            }
        }
    }

    private static int firstInvalidByte(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true);
        return in.position();
    }
}
