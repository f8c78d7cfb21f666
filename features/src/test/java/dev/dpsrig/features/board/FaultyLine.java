package dev.dpsrig.features.board;

import dev.dpsrig.hil.Console;
import dev.dpsrig.hil.ConsoleMatch;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * A board's line that damages what the board sends, by reply number (1 = first): {@code fault}
 * answers the lines to put on the wire instead of the reply, which may be none (a stalled board).
 */
final class FaultyLine implements Console {
    private final Console line;
    private final IntFunction<Fault> faults;
    private final AtomicInteger sent = new AtomicInteger();

    enum Fault { NONE, CORRUPT, DROP }

    FaultyLine(Console line, IntFunction<Fault> faults) {
        this.line = line;
        this.faults = faults;
    }

    @Override
    public String name() {
        return line.name();
    }

    @Override
    public void sendLine(String reply) {
        switch (faults.apply(sent.incrementAndGet())) {
            case NONE -> line.sendLine(reply);
            case CORRUPT -> {
                // noise before the frame, and a flipped character inside it
                line.sendLine("\u0000\u00ff~~ line noise ~~");
                line.sendLine(reply.substring(0, 4) + (char) (reply.charAt(4) ^ 0x01) + reply.substring(5));
            }
            case DROP -> line.sendLine("board log: working on it");
        }
    }

    @Override
    public ConsoleMatch expect(Pattern pattern, Duration timeout) {
        return line.expect(pattern, timeout);
    }

    @Override
    public List<String> tail(int lines) {
        return line.tail(lines);
    }

    @Override
    public void discardPending() {
        line.discardPending();
    }

    @Override
    public void close() {
        line.close();
    }
}
