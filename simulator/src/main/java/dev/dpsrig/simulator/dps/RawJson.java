package dev.dpsrig.simulator.dps;

import java.util.Objects;

/**
 * A JSON value the DPS passes along without looking inside it: a device's registration payload, the
 * payload a custom allocation webhook returns, an initial twin. It is kept as the compact text the edge
 * that read it printed, and the edge that writes it parses that text, so carrying it takes no JSON
 * library; two are equal when their texts are.
 */
public record RawJson(String text) {
    public RawJson {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("a JSON value is never blank");
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
