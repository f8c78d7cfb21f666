package dev.dpsrig.hil.config;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One YAML mapping of a rig file, read key by key. It knows its file and key path, so every complaint
 * says where it is, and it refuses keys nobody asked for: a misspelt {@code active-lwo} must not
 * silently leave a reset line active high.
 */
final class YamlNode {
    private final Path file;
    private final String path;
    private final Map<String, Object> values;

    private YamlNode(Path file, String path, Map<String, Object> values) {
        this.file = file;
        this.path = path;
        this.values = values;
    }

    static YamlNode root(Path file, Object loaded) {
        return of(file, "", loaded);
    }

    Path file() {
        return file;
    }

    String path() {
        return path;
    }

    String keyPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    RigConfigException error(String key, String problem) {
        return new RigConfigException(file, keyPath(key), problem);
    }

    RigConfigException error(String problem) {
        return new RigConfigException(file, path, problem);
    }

    boolean has(String key) {
        return values.containsKey(key) && values.get(key) != null;
    }

    Set<String> keys() {
        return values.keySet();
    }

    /** Fails on the first key not in {@code known}, listing the known ones. */
    void allowOnly(String... known) {
        Set<String> allowed = new TreeSet<>(List.of(known));
        for (String key : values.keySet()) {
            if (!allowed.contains(key)) {
                throw error(key, "unknown key; expected one of " + String.join(", ", allowed));
            }
        }
    }

    String string(String key) {
        return optionalString(key).orElseThrow(() -> error(key, "missing"));
    }

    Optional<String> optionalString(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        Object value = values.get(key);
        return switch (value) {
            case String text -> Optional.of(text);
            case Integer number -> Optional.of(number.toString());
            case Long number -> Optional.of(number.toString());
            case BigInteger number -> Optional.of(number.toString());
            default -> throw error(key, "expected text, not " + describe(value));
        };
    }

    /** A plain value as written (text or number), e.g. a stop-bit count that may be 1.5. */
    Optional<String> scalar(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        Object value = values.get(key);
        return switch (value) {
            case String text -> Optional.of(text);
            case Number number -> Optional.of(number.toString());
            default -> throw error(key, "expected a plain value, not " + describe(value));
        };
    }

    Optional<Integer> optionalInt(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        Object value = values.get(key);
        if (value instanceof Integer number) {
            return Optional.of(number);
        }
        throw error(key, "expected a whole number, not " + describe(value));
    }

    int integer(String key) {
        return optionalInt(key).orElseThrow(() -> error(key, "missing"));
    }

    boolean bool(String key, boolean otherwise) {
        if (!has(key)) {
            return otherwise;
        }
        Object value = values.get(key);
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw error(key, "expected true or false, not " + describe(value));
    }

    /** A duration written with its unit: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}. */
    Optional<Duration> duration(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        Object value = values.get(key);
        Optional<Duration> duration;
        try {
            duration = value instanceof String text ? DurationText.parse(text) : Optional.empty();
        } catch (IllegalArgumentException e) {
            throw error(key, e.getMessage());
        }
        if (duration.isEmpty()) {
            throw error(key, "expected " + DurationText.EXPECTED + ", not " + describe(value));
        }
        return duration;
    }

    Optional<Pattern> pattern(String key) {
        return optionalString(key).map(text -> {
            try {
                return Pattern.compile(text);
            } catch (PatternSyntaxException e) {
                throw error(key, "not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex()
                        + " of /" + text + "/");
            }
        });
    }

    Optional<YamlNode> optionalMap(String key) {
        return has(key) ? Optional.of(of(file, keyPath(key), values.get(key))) : Optional.empty();
    }

    YamlNode map(String key) {
        return optionalMap(key).orElseThrow(() -> error(key, "missing"));
    }

    /** A mapping whose values are mappings, e.g. inputs by name, in file order. */
    Map<String, YamlNode> mapOfMaps(String key) {
        Map<String, YamlNode> result = new LinkedHashMap<>();
        optionalMap(key).ifPresent(node -> node.values.forEach((name, value) -> result.put(name, of(file, node.keyPath(name), value))));
        return result;
    }

    List<YamlNode> listOfMaps(String key) {
        if (!has(key)) {
            throw error(key, "missing");
        }
        if (!(values.get(key) instanceof List<?> list)) {
            throw error(key, "expected a list, not " + describe(values.get(key)));
        }
        List<YamlNode> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            result.add(of(file, keyPath(key) + "[" + i + "]", list.get(i)));
        }
        return result;
    }

    private static YamlNode of(Path file, String path, Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new RigConfigException(file, path, "expected a mapping of keys to values, not " + describe(value));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        map.forEach((key, inner) -> {
            if (!(key instanceof String name)) {
                throw new RigConfigException(file, path, "key " + describe(key) + " is not text");
            }
            values.put(name, inner);
        });
        return new YamlNode(file, path, values);
    }

    private static String describe(Object value) {
        return switch (value) {
            case null -> "nothing";
            case String text -> "'" + text + "'";
            case Map<?, ?> map -> "a mapping";
            case List<?> list -> "a list";
            default -> value.toString();
        };
    }
}
