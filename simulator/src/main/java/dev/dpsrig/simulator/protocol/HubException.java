package dev.dpsrig.simulator.protocol;

/**
 * A request a simulated IoT hub refuses, with the code and message that go on the wire in the hub's
 * error body and {@code iothub-errorcode} header.
 */
public class HubException extends RuntimeException {
    private final HubErrorCode errorCode;

    public HubException(HubErrorCode errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public HubErrorCode errorCode() {
        return errorCode;
    }

    public static HubException unauthorized(String message) {
        return new HubException(HubErrorCode.IOT_HUB_UNAUTHORIZED_ACCESS, message);
    }

    public static HubException invalid(String message) {
        return new HubException(HubErrorCode.ARGUMENT_INVALID, message);
    }

    public static HubException deviceNotFound(String message) {
        return new HubException(HubErrorCode.DEVICE_NOT_FOUND, message);
    }
}
