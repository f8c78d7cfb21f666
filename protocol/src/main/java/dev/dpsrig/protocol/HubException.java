package dev.dpsrig.protocol;

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

    /**
     * A device asked for something on a hub that does not hold it. The hub answers the device with
     * 401003, not 404: to a device, a hub it was not assigned to is one it may not use.
     */
    public static HubException notInThisHub(String hubName, String deviceId) {
        return new HubException(HubErrorCode.IOT_HUB_UNAUTHORIZED,
                "IotHub '" + hubName + "' does not contain the specified device '" + deviceId + "'");
    }

    public static HubException deviceNotFound(String message) {
        return new HubException(HubErrorCode.DEVICE_NOT_FOUND, message);
    }
}
