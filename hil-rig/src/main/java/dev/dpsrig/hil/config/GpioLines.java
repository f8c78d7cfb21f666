package dev.dpsrig.hil.config;

import java.util.Map;
import java.util.Optional;

/** The GPIO lines wired to a board: its power switch, optionally its reset, and status inputs by name. */
public record GpioLines(LineConfig power, Optional<ResetLine> reset, Map<String, LineConfig> inputs) {
    public GpioLines {
        inputs = Map.copyOf(inputs);
    }
}
