package dev.dpsrig.protocol;

/** A request body {@link JsonInput} refused; the message says what was wrong, for the sender. */
public final class JsonInputException extends RuntimeException {
    public JsonInputException(String message) {
        super(message);
    }
}
