package dev.dpsrig.emulator.fleet;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A weighted choice among kinds (attestations, transports) as a spec names it: {@code kind}, or weights
 * {@code kind:3,other:1} ({@code kind=3} also), or in JSON an object of weights.
 */
final class WeightedMix {
    private WeightedMix() {
    }

    /** The mix in {@code text}; {@code what} names the option in errors. */
    static <K> Map<K, Integer> parse(String text, String what, Function<String, K> kind) {
        Map<K, Integer> mix = new LinkedHashMap<>();
        for (String item : text.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            String[] parts = item.split("[:=]", -1);
            if (parts.length > 2) {
                throw new IllegalArgumentException(what + " '" + item + "' is not KIND or KIND:WEIGHT");
            }
            K key = kind.apply(parts[0]);
            int weight;
            try {
                weight = parts.length == 2 ? Integer.parseInt(parts[1].strip()) : 1;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + " '" + item + "': the weight is not a whole number");
            }
            if (mix.put(key, weight) != null) {
                throw new IllegalArgumentException(what + " " + parts[0].strip() + " is given twice");
            }
        }
        return mix;
    }

    /** The mix in a spec's JSON value: a string as {@link #parse} reads it, or an object of weights. */
    static <K> Map<K, Integer> fromJson(JsonValue value, String what, Function<String, K> kind) {
        if (value instanceof JsonString text) {
            return parse(text.getString(), what, kind);
        }
        if (value instanceof JsonObject weights) {
            Map<K, Integer> mix = new LinkedHashMap<>();
            weights.forEach((name, weight) -> {
                if (!(weight instanceof JsonNumber number) || !number.isIntegral()) {
                    throw new IllegalArgumentException(what + " weight of " + name + " is not a whole number");
                }
                mix.put(kind.apply(name), number.intValue());
            });
            return mix;
        }
        throw new IllegalArgumentException(what + " is a string such as \"a:1,b:1\" or an object of weights");
    }

    /** The mix as {@link #parse} reads it back. */
    static <K> String text(Map<K, Integer> mix, Function<K, String> name) {
        return mix.entrySet().stream().map(e -> name.apply(e.getKey()) + ":" + e.getValue()).collect(Collectors.joining(","));
    }

    /** Whether some kind has a positive weight and none a negative one. */
    static boolean valid(Map<?, Integer> mix) {
        return !mix.isEmpty() && mix.values().stream().noneMatch(w -> w < 0) && mix.values().stream().mapToInt(w -> w).sum() >= 1;
    }
}
