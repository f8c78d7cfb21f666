package dev.dpsrig.hil.tethered;

import java.util.Arrays;
import java.util.Optional;

/**
 * The codes of an {@code ERR} reply. The retryable ones describe a request the board could not read
 * (line noise) or could not serve yet; asking again may succeed. The others are answers: asking
 * again would get the same one.
 */
public enum ErrorCode {
    BAD_FRAME("BAD-FRAME", true),
    BAD_CHECKSUM("BAD-CHECKSUM", true),
    LINE_TOO_LONG("LINE-TOO-LONG", true),
    BUSY("BUSY", true),
    UNKNOWN_COMMAND("UNKNOWN-COMMAND", false),
    BAD_ARGUMENT("BAD-ARGUMENT", false),
    UNSUPPORTED("UNSUPPORTED", false),
    KEY_UNAVAILABLE("KEY-UNAVAILABLE", false),
    INTERNAL("INTERNAL", false);

    private final String word;
    private final boolean retryable;

    ErrorCode(String word, boolean retryable) {
        this.word = word;
        this.retryable = retryable;
    }

    public String word() {
        return word;
    }

    public boolean retryable() {
        return retryable;
    }

    public static Optional<ErrorCode> ofWord(String word) {
        return Arrays.stream(values()).filter(code -> code.word.equals(word)).findFirst();
    }
}
