package dev.dpsrig.hil.virtual;

import dev.dpsrig.hil.Console;
import dev.dpsrig.hil.ConsoleMatch;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The line as one run of the firmware sees it: writes go out only while that run's power lasts, and pass
 * the board's faults on the way (a reply held back, a reboot after a given line). The firmware does not
 * own the line, so closing this console does nothing.
 */
final class FirmwareConsole implements Console {
    private final VirtualBoard board;
    private final long generation;

    FirmwareConsole(VirtualBoard board, long generation) {
        this.board = board;
        this.generation = generation;
    }

    @Override
    public String name() {
        return board.line().name();
    }

    /**
     * Sends {@code line} unless the power went; a line held back by a stall fault waits first. An interrupt
     * during the hold (power off, reboot) drops the line and leaves the thread interrupted.
     */
    @Override
    public void sendLine(String line) {
        BoardFaults faults = board.faults();
        Optional<Duration> stall = faults.takeStall();
        if (stall.isPresent()) {
            faults.noteStall(generation, line, stall.get());
            try {
                board.pause().await(stall.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            faults.noteRelease(generation, line);
        }
        if (board.writeLine(generation, line)) {
            faults.afterLine(line);
        }
    }

    @Override
    public ConsoleMatch expect(Pattern pattern, Duration timeout) {
        return board.line().expect(pattern, timeout);
    }

    @Override
    public List<String> tail(int lines) {
        return board.line().tail(lines);
    }

    @Override
    public void discardPending() {
        board.line().discardPending();
    }

    @Override
    public void close() {
        // The board owns the line; a firmware run ends, the line stays.
    }
}
