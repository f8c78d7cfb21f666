package dev.dpsrig.hil;

/** Something on the rig did not do what it should: a line, a port, a board or its configuration. */
public class RigException extends RuntimeException {

    public RigException(String message) {
        super(message);
    }

    public RigException(String message, Throwable cause) {
        super(message, cause);
    }
}
