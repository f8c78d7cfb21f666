package dev.dpsrig.protocol;

/** A shared access signature that cannot be parsed or built, with what exactly is wrong with it. */
public class SasTokenException extends RuntimeException {
    public SasTokenException(String message) {
        super(message);
    }

    public SasTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
