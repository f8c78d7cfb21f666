package dev.dpsrig.emulator.device;

import dev.dpsrig.protocol.ConnectFailure;
import java.util.Optional;

/**
 * A hub refused a cloud-to-device request, with its status and {@code iothub-errorcode}; or no answer came, and
 * when no connection could be opened to a hub that had never answered, the endpoint and why.
 */
public final class HubRequestException extends RuntimeException {
    private final int httpStatus;
    private final transient Optional<String> errorCode;
    private final transient Optional<String> endpoint;
    private final transient Optional<ConnectFailure> connectFailure;

    public HubRequestException(int httpStatus, Optional<String> errorCode, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.endpoint = Optional.empty();
        this.connectFailure = Optional.empty();
    }

    /** The hub at {@code endpoint} ({@code host:port}) could not be connected to, and had never answered. */
    public HubRequestException(String endpoint, ConnectFailure connectFailure, String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = 0;
        this.errorCode = Optional.empty();
        this.endpoint = Optional.of(endpoint);
        this.connectFailure = Optional.of(connectFailure);
    }

    /** 0 when no answer came. */
    public int httpStatus() {
        return httpStatus;
    }

    public Optional<String> errorCode() {
        return errorCode;
    }

    /** Present when the hub could not be reached at all: its {@code host:port}. */
    public Optional<String> endpoint() {
        return endpoint;
    }

    /** Present when the hub could not be reached at all: why no connection could be opened. */
    public Optional<ConnectFailure> connectFailure() {
        return connectFailure;
    }
}
