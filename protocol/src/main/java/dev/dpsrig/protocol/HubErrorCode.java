package dev.dpsrig.protocol;

/**
 * IoT Hub's six-digit error codes, as the device SDKs map them: the first three digits are the
 * HTTP status, and the name travels in the {@code iothub-errorcode} response header. No published
 * code covers a path or a method the device API does not have, nor a request line too long to read:
 * {@link #NOT_FOUND}, {@link #METHOD_NOT_ALLOWED} and {@link #REQUEST_URI_TOO_LONG} are the
 * simulator's own, the status followed by {@code 000}.
 */
public enum HubErrorCode {
    INVALID_PROTOCOL_VERSION(400001, "InvalidProtocolVersion"),
    ARGUMENT_INVALID(400004, "ArgumentInvalid"),
    IOT_HUB_FORMAT_ERROR(400006, "IotHubFormatError"),
    IOT_HUB_UNAUTHORIZED_ACCESS(401002, "IotHubUnauthorizedAccess"),
    IOT_HUB_UNAUTHORIZED(401003, "IotHubUnauthorized"),
    DEVICE_MAXIMUM_QUEUE_DEPTH_EXCEEDED(403004, "DeviceMaximumQueueDepthExceeded"),
    DEVICE_NOT_FOUND(404001, "DeviceNotFound"),
    MODULE_NOT_FOUND(404010, "ModuleNotFound"),
    NOT_FOUND(404000, "NotFound"),
    METHOD_NOT_ALLOWED(405000, "MethodNotAllowed"),
    DEVICE_MESSAGE_LOCK_LOST(412002, "DeviceMessageLockLost"),
    MESSAGE_TOO_LARGE(413001, "MessageTooLarge"),
    REQUEST_URI_TOO_LONG(414000, "RequestUriTooLong"),
    THROTTLING_EXCEPTION(429001, "ThrottlingException"),
    SERVER_ERROR(500001, "ServerError"),
    SERVICE_UNAVAILABLE(503001, "ServiceUnavailable");

    private final int code;
    private final String wireName;

    HubErrorCode(int code, String wireName) {
        this.code = code;
        this.wireName = wireName;
    }

    public int code() {
        return code;
    }

    /** The name the {@code iothub-errorcode} header carries, e.g. {@code DeviceNotFound}. */
    public String wireName() {
        return wireName;
    }

    public int httpStatus() {
        return code / 1000;
    }
}
