package dev.dpsrig.protocol;

/** A body that is JSON but not the shape the contract gives it: a required field missing or of the wrong type. */
public final class WireFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WireFormatException(String message) {
        super(message);
    }
}
