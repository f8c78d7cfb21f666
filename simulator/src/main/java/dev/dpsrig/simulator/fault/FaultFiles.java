package dev.dpsrig.simulator.fault;

import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** Reads a fault plan from a {@code .json} file, or YAML ({@code .yaml}, {@code .yml}) with the same fields. */
public final class FaultFiles {
    private FaultFiles() {
    }

    public static List<FaultRule> read(Path file, Supplier<String> ids) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such fault plan file");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the fault plan", e);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        JsonValue plan = name.endsWith(".yaml") || name.endsWith(".yml") ? yaml(file, text) : json(file, text);
        try {
            return FaultRules.parsePlan(plan, ids);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static JsonValue json(Path file, String text) {
        try (JsonReader reader = Jsonp.createReader(new StringReader(text))) {
            return reader.readValue();
        } catch (JsonException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getMessage(), e);
        }
    }

    private static JsonValue yaml(Path file, String text) {
        Object loaded;
        try {
            loaded = new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromString(text);
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        return toJson(loaded, file);
    }

    private static JsonValue toJson(Object value, Path file) {
        return switch (value) {
            case null -> JsonValue.NULL;
            case Map<?, ?> map -> {
                var object = Jsonp.createObjectBuilder();
                map.forEach((key, inner) -> object.add(String.valueOf(key), toJson(inner, file)));
                yield object.build();
            }
            case Collection<?> list -> {
                var array = Jsonp.createArrayBuilder();
                list.forEach(inner -> array.add(toJson(inner, file)));
                yield array.build();
            }
            case String text -> Jsonp.provider().createValue(text);
            case Boolean flag -> flag ? JsonValue.TRUE : JsonValue.FALSE;
            case Integer number -> Jsonp.provider().createValue(number);
            case Long number -> Jsonp.provider().createValue(number);
            case BigInteger number -> Jsonp.provider().createValue(number);
            case Double number -> Jsonp.provider().createValue(number);
            default -> throw new IllegalArgumentException(file + ": unsupported YAML value " + value + " (" + value.getClass().getSimpleName() + ")");
        };
    }
}
