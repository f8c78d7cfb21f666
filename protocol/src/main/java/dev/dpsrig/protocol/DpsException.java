package dev.dpsrig.protocol;

/**
 * A request the DPS simulator refuses, with the error code and message that go on the wire in
 * the {@code {errorCode, trackingId, message, timestampUtc}} body.
 */
public class DpsException extends RuntimeException {
    private final DpsErrorCode errorCode;

    public DpsException(DpsErrorCode errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public DpsErrorCode errorCode() {
        return errorCode;
    }

    public static DpsException badRequest(String message) {
        return new DpsException(DpsErrorCode.BAD_REQUEST, message);
    }

    public static DpsException unauthorized(String message) {
        return new DpsException(DpsErrorCode.UNAUTHORIZED, message);
    }

    public static DpsException notFound(String message) {
        return new DpsException(DpsErrorCode.NOT_FOUND, message);
    }
}
