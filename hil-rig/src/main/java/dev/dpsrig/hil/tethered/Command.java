package dev.dpsrig.hil.tethered;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The requests a rig sends a key holder, with how many arguments each takes, how long the rig waits
 * for the reply by default, and whether asking again is harmless. READ is not: a board may take a
 * new sample on every READ, so a retry could silently skip one.
 */
public enum Command {
    HELLO("HELLO", 0, Duration.ofSeconds(2), true),
    CHAIN("CHAIN", 2, Duration.ofSeconds(2), true),
    SIGN_SAS("SIGN-SAS", 1, Duration.ofSeconds(2), true),
    SIGN("SIGN", 2, Duration.ofSeconds(10), true),
    READ("READ", 0, Duration.ofSeconds(5), false);

    private final String word;
    private final int arguments;
    private final Duration timeout;
    private final boolean idempotent;

    Command(String word, int arguments, Duration timeout, boolean idempotent) {
        this.word = word;
        this.arguments = arguments;
        this.timeout = timeout;
        this.idempotent = idempotent;
    }

    /** The command as it travels, e.g. {@code SIGN-SAS}. */
    public String word() {
        return word;
    }

    public int arguments() {
        return arguments;
    }

    /** How long the rig waits for one reply unless its settings say otherwise. */
    public Duration defaultTimeout() {
        return timeout;
    }

    /** Whether the rig may send it again after a lost or garbled reply. */
    public boolean idempotent() {
        return idempotent;
    }

    public static Optional<Command> ofWord(String word) {
        return Arrays.stream(values()).filter(command -> command.word.equals(word)).findFirst();
    }
}
