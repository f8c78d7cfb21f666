package dev.dpsrig.hil.board;

import dev.dpsrig.hil.Console;
import dev.dpsrig.hil.DigitalInput;
import dev.dpsrig.hil.Power;
import dev.dpsrig.hil.Reset;
import dev.dpsrig.hil.config.BoardProfile;
import java.util.Map;
import java.util.Optional;

/** One board on the rig: its profile and the capabilities the rig drives it with. */
public record Board(BoardProfile profile, Power power, Optional<Reset> reset, Console console, Map<String, DigitalInput> inputs) {
    public Board {
        inputs = Map.copyOf(inputs);
    }

    public String name() {
        return profile.name();
    }
}
