package dev.dpsrig.hil.rig;

import dev.dpsrig.hil.Console;
import dev.dpsrig.hil.Pause;
import dev.dpsrig.hil.RigException;
import dev.dpsrig.hil.RigListener;
import dev.dpsrig.hil.board.Board;
import dev.dpsrig.hil.config.BoardProfile;
import dev.dpsrig.hil.config.RigFile;
import dev.dpsrig.hil.gpio.Gpio;
import dev.dpsrig.hil.serial.SerialPorts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rig file brought to life: its GPIO platform started, every board's lines claimed and its serial
 * port opened. Closing it closes the consoles and releases the lines, boards unpowered.
 */
public final class Rig implements AutoCloseable {
    private final Gpio gpio;
    private final Map<String, Board> boards;

    private Rig(Gpio gpio, Map<String, Board> boards) {
        this.gpio = gpio;
        this.boards = boards;
    }

    public static Rig assemble(RigFile file, Clock clock, Pause pause, RigListener listener) {
        Gpio gpio = Gpio.open(file.gpio(), clock, listener);
        Map<String, Board> boards = new LinkedHashMap<>();
        try {
            for (BoardProfile profile : file.boards()) {
                BoardLines lines = BoardLines.claim(profile, gpio, clock, pause, listener);
                Console console = SerialPorts.open(profile.serial(), profile.name(), clock, listener);
                boards.put(profile.name(), new Board(profile, lines.power(), lines.reset(), console, lines.inputs()));
            }
        } catch (RuntimeException e) {
            boards.values().forEach(board -> board.console().close());
            gpio.close();
            throw e;
        }
        return new Rig(gpio, boards);
    }

    /** The rig's GPIO, e.g. for a virtual board to watch its power line or drive its status pins. */
    public Gpio gpio() {
        return gpio;
    }

    public List<Board> boards() {
        return new ArrayList<>(boards.values());
    }

    public Board board(String name) {
        Board board = boards.get(name);
        if (board == null) {
            throw new RigException("no board named '" + name + "' on this rig; it has " + String.join(", ", boards.keySet()));
        }
        return board;
    }

    /** Each board is powered off and its console closed on its own, so one that fails does not keep the others open. */
    @Override
    public void close() {
        RigException failed = null;
        for (Board board : boards.values()) {
            for (Runnable step : List.<Runnable>of(() -> board.power().off(), () -> board.console().close())) {
                try {
                    step.run();
                } catch (RuntimeException e) {
                    if (failed == null) {
                        failed = new RigException("could not take the rig down cleanly: " + e.getMessage(), e);
                    } else {
                        failed.addSuppressed(e);
                    }
                }
            }
        }
        gpio.close();
        if (failed != null) {
            throw failed;
        }
    }
}
