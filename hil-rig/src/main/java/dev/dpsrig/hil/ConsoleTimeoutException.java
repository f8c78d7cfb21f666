package dev.dpsrig.hil;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/** An expected console line did not arrive in time; carries what did arrive. */
public final class ConsoleTimeoutException extends RigException {
    private final Pattern pattern;
    private final Duration timeout;
    private final List<String> tail;

    public ConsoleTimeoutException(String console, Pattern pattern, Duration timeout, List<String> tail) {
        super("no line matching /" + pattern.pattern() + "/ on " + console + " within " + timeout.toMillis() + " ms; "
                + (tail.isEmpty() ? "it printed nothing" : "its last lines were:\n  " + String.join("\n  ", tail)));
        this.pattern = pattern;
        this.timeout = timeout;
        this.tail = List.copyOf(tail);
    }

    public Pattern pattern() {
        return pattern;
    }

    public Duration timeout() {
        return timeout;
    }

    public List<String> tail() {
        return tail;
    }
}
