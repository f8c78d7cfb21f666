package dev.dpsrig.hil;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A board's text line: its boot console, or the tethered protocol. Everything received is kept, so an
 * expectation that times out can show what the board did say.
 */
public interface Console extends AutoCloseable {

    /** The port or link this console reads, for messages. */
    String name();

    /** Sends {@code line} followed by a line feed. */
    void sendLine(String line);

    /**
     * Waits for a received line matching {@code pattern}, consuming the lines up to and including it.
     * On timeout throws {@link ConsoleTimeoutException} carrying the pattern and the console's tail.
     */
    ConsoleMatch expect(Pattern pattern, Duration timeout);

    /** The last {@code lines} lines received, oldest first, whether or not an expectation consumed them. */
    List<String> tail(int lines);

    /** Forgets lines not yet consumed by {@link #expect}, e.g. the noise of a previous boot. */
    void discardPending();

    @Override
    void close();
}
