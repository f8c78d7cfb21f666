package dev.dpsrig.simulator.device;

import java.util.Optional;

/** A hub refused a cloud-to-device request, with its status and {@code iothub-errorcode}. */
public final class HubRequestException extends RuntimeException {
    private final int httpStatus;
    private final transient Optional<String> errorCode;

    public HubRequestException(int httpStatus, Optional<String> errorCode, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** 0 when no answer came. */
    public int httpStatus() {
        return httpStatus;
    }

    public Optional<String> errorCode() {
        return errorCode;
    }
}
