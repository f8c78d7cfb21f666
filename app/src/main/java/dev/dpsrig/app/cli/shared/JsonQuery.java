package dev.dpsrig.app.cli.shared;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dpsrig.protocol.Jsonp;
import io.burt.jmespath.Expression;
import io.burt.jmespath.JmesPath;
import io.burt.jmespath.jackson.JacksonRuntime;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A {@code --query}: a JMESPath expression, as {@code az} takes it, applied to a command's JSON answer before it is
 * printed.
 *
 * @param text the expression as given
 */
public record JsonQuery(String text, Expression<JsonNode> expression) {
    private static final JmesPath<JsonNode> JMESPATH = new JacksonRuntime();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Compiles an expression.
     *
     * @throws IllegalArgumentException saying where the expression is not JMESPath
     */
    public static JsonQuery compile(String text) {
        try {
            return new JsonQuery(text, JMESPATH.compile(text));
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new IllegalArgumentException("'" + text + "' is not a JMESPath expression: " + reason, e);
        }
    }

    /** What the expression selects from the answer; JSON {@code null} when it selects nothing. */
    public JsonValue apply(JsonValue answer) {
        try {
            JsonNode result = expression.search(MAPPER.readTree(answer.toString()));
            try (JsonReader reader = Jsonp.createReader(new StringReader(MAPPER.writeValueAsString(result)))) {
                return reader.readValue();
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON could not pass between JSON-P and Jackson: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads {@code --query EXPRESSION}; one that does not compile is a usage error naming where it went wrong. */
    public static final class Converter implements ITypeConverter<JsonQuery> {
        @Override
        public JsonQuery convert(String value) {
            try {
                return compile(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
