package dev.dpsrig.hil.tethered;

import java.util.Map;
import java.util.stream.Collectors;

/** Sensor readings as the one-line JSON object READ answers; this module has no JSON library, and needs none for this. */
final class ReadingsJson {
    private ReadingsJson() {
    }

    static String encode(Map<String, Number> readings) {
        return readings.entrySet().stream()
                .map(entry -> quote(entry.getKey()) + ":" + number(entry.getKey(), entry.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String number(String name, Number value) {
        double asDouble = value.doubleValue();
        if (Double.isNaN(asDouble) || Double.isInfinite(asDouble)) {
            throw new IllegalArgumentException("reading " + name + " is " + value + ", which JSON cannot carry");
        }
        return value.toString();
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c > 0x7E) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
