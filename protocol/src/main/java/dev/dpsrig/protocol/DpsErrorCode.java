package dev.dpsrig.protocol;

/**
 * The six-digit DPS error codes the simulator answers with: HTTP status × 1000 + a sub-code.
 * Microsoft publishes no table; the codes observed from the real service are used where one is
 * known (401002, 409203, 400207, 400208), and the IoT Hub family's codes otherwise.
 */
public enum DpsErrorCode {
    BAD_REQUEST(400, 400004),
    CUSTOM_ALLOCATION_FAILED(400, 400207),
    NO_HUB(400, 400208),
    UNAUTHORIZED(401, 401002),
    NOT_FOUND(404, 404201),
    METHOD_NOT_ALLOWED(405, 405001),
    CONFLICT(409, 409203),
    PRECONDITION_FAILED(412, 412002),
    PAYLOAD_TOO_LARGE(413, 413001),
    URI_TOO_LONG(414, 414001),
    UNSUPPORTED_MEDIA_TYPE(415, 415001),
    THROTTLED(429, 429001),
    INTERNAL_ERROR(500, 500001),
    SERVICE_UNAVAILABLE(503, 503001);

    private final int httpStatus;
    private final int code;

    DpsErrorCode(int httpStatus, int code) {
        this.httpStatus = httpStatus;
        this.code = code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int code() {
        return code;
    }
}
