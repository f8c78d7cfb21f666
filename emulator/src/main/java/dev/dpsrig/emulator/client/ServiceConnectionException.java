package dev.dpsrig.emulator.client;

import dev.dpsrig.protocol.ConnectFailure;
import java.util.Optional;

/**
 * The service API could not be asked at all: its settings are unreadable, or the host is
 * unreachable or not trusted. The message is one line naming the file or the address; when no
 * connection could be opened to the host at all, {@link #endpoint} and {@link #connectFailure} say
 * where and why.
 */
public final class ServiceConnectionException extends RuntimeException {
    private final transient Optional<String> endpoint;
    private final transient Optional<ConnectFailure> connectFailure;

    public ServiceConnectionException(String message) {
        super(message);
        this.endpoint = Optional.empty();
        this.connectFailure = Optional.empty();
    }

    public ServiceConnectionException(String message, Throwable cause) {
        super(message, cause);
        this.endpoint = Optional.empty();
        this.connectFailure = Optional.empty();
    }

    /** No connection could be opened to {@code endpoint} ({@code host:port}), for {@code connectFailure}. */
    public ServiceConnectionException(String endpoint, ConnectFailure connectFailure, String message, Throwable cause) {
        super(message, cause);
        this.endpoint = Optional.of(endpoint);
        this.connectFailure = Optional.of(connectFailure);
    }

    /** Present when the host could not be connected to at all: its {@code host:port}. */
    public Optional<String> endpoint() {
        return endpoint;
    }

    /** Present when the host could not be connected to at all: why. */
    public Optional<ConnectFailure> connectFailure() {
        return connectFailure;
    }
}
