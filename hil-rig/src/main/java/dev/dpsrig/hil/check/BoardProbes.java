package dev.dpsrig.hil.check;

import dev.dpsrig.hil.RigException;
import dev.dpsrig.hil.config.BoardMode;
import java.util.EnumMap;
import java.util.Map;

/**
 * The probe for each board mode: a console board is sent its profile's probe line, a key-holder board
 * is asked HELLO. {@link #with} replaces one, e.g. for a board whose firmware answers differently.
 */
public final class BoardProbes {
    private final Map<BoardMode, BoardProbe> probes;

    private BoardProbes(Map<BoardMode, BoardProbe> probes) {
        this.probes = probes;
    }

    public static BoardProbes standard() {
        Map<BoardMode, BoardProbe> probes = new EnumMap<>(BoardMode.class);
        probes.put(BoardMode.CONSOLE, new ConsoleProbe());
        probes.put(BoardMode.TETHERED, new TetheredProbe());
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
