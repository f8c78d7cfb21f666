package dev.dpsrig.hil.tethered;

import dev.dpsrig.hil.RigException;

/**
 * A line that is not a valid frame: damaged in transit, too long, or naming a command or argument
 * the receiver does not know. Carries the line, the error code a board answers with, and the
 * sequence number when it could still be read (0 otherwise).
 */
public final class MalformedFrameException extends RigException {
    private final String line;
    private final ErrorCode code;
    private final int sequence;

    public MalformedFrameException(String line, ErrorCode code, int sequence, String reason) {
        super(reason + ": " + Frames.abbreviate(line));
        this.line = line;
        this.code = code;
        this.sequence = sequence;
    }

    public String line() {
        return line;
    }

    public ErrorCode code() {
        return code;
    }

    public int sequence() {
        return sequence;
    }
}
