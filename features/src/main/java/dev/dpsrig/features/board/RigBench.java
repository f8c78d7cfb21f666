package dev.dpsrig.features.board;

import dev.dpsrig.hil.Pause;
import dev.dpsrig.hil.RigListener;
import dev.dpsrig.hil.board.Board;
import dev.dpsrig.hil.board.BoardLog;
import dev.dpsrig.hil.board.BoardStrategy;
import dev.dpsrig.hil.config.BoardMode;
import dev.dpsrig.hil.config.RigFile;
import dev.dpsrig.hil.config.RigFiles;
import dev.dpsrig.hil.rig.Rig;
import dev.dpsrig.hil.virtual.Firmware;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The boards of a rig file, for {@code dpsrig test --rig FILE}: their lines claimed and ports opened
 * for the scenario, powered off and released after it. Every rig event goes to the board's log as well
 * as to the scenario's listener.
 */
public final class RigBench implements Bench {
    private final Path file;
    private final Rig rig;
    private final Clock clock;
    private final Map<String, BoardLog> logs;
    private final Map<String, BoardUnderTest> boards = new LinkedHashMap<>();
    private final BoardTransitions transitions;

    private RigBench(Path file, Rig rig, Clock clock, Map<String, BoardLog> logs, BoardTransitions transitions) {
        this.file = file;
        this.rig = rig;
        this.clock = clock;
        this.logs = logs;
        this.transitions = transitions;
    }

    public static RigBench assemble(Path file, Clock clock, RigListener listener, BoardTransitions transitions) {
        RigFile rigFile = RigFiles.load(file);
        Map<String, BoardLog> logs = new LinkedHashMap<>();
        rigFile.boards().forEach(profile -> logs.put(profile.name(), new BoardLog()));
        RigListener both = event -> {
            BoardLog log = logs.get(event.board());
            if (log != null) {
                log.event(event);
            }
            listener.event(event);
        };
        return new RigBench(file, Rig.assemble(rigFile, clock, Pause.SLEEPING, both), clock, logs, transitions);
    }

    @Override
    public synchronized BoardUnderTest board(String name, BoardMode mode, Supplier<Firmware> firmware) {
        BoardUnderTest existing = boards.get(name);
        if (existing != null) {
            return existing;
        }
        Board board = rig.board(name);
        if (board.profile().mode() != mode) {
            throw new AssertionError("board '" + name + "' in " + file + " is a " + board.profile().mode().name().toLowerCase()
                    + "-mode board, and this scenario needs a " + mode.name().toLowerCase() + "-mode one");
        }
        BoardLog log = logs.get(name);
        BoardStrategy strategy = transitions.strategy(board, clock, log);
        BoardUnderTest underTest = new BoardUnderTest(board, strategy, log, Optional.empty());
        boards.put(name, underTest);
        return underTest;
    }

    @Override
    public String describe() {
        return "the boards of " + file;
    }

    @Override
    public void close() {
        rig.close();
    }
}
