package dev.dpsrig.hil.check;

import dev.dpsrig.hil.RigException;
import dev.dpsrig.hil.config.BoardMode;
import java.util.EnumMap;
import java.util.Map;

/**
 * The probe for each board mode. Console boards are probed over their console out of the box; a
 * component that speaks the tethered protocol adds its probe with {@link #with}, and until one does, a
 * tethered board fails its check saying so.
 */
public final class BoardProbes {
    private final Map<BoardMode, BoardProbe> probes;

    private BoardProbes(Map<BoardMode, BoardProbe> probes) {
        this.probes = probes;
    }

    public static BoardProbes standard() {
        Map<BoardMode, BoardProbe> probes = new EnumMap<>(BoardMode.class);
        probes.put(BoardMode.CONSOLE, new ConsoleProbe());
        return new BoardProbes(probes);
    }

    public BoardProbes with(BoardMode mode, BoardProbe probe) {
        Map<BoardMode, BoardProbe> more = new EnumMap<>(probes);
        more.put(mode, probe);
        return new BoardProbes(more);
    }

    public BoardProbe forMode(BoardMode mode) {
        return probes.getOrDefault(mode, board -> {
            throw new RigException("no probe for " + mode.name().toLowerCase(java.util.Locale.ROOT) + " boards is installed");
        });
    }
}
