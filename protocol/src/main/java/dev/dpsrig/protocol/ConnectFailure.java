package dev.dpsrig.protocol;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Optional;

/**
 * Why a client could not open a connection at all: nobody listens on the port, the name does not resolve, or
 * there is no route to the host. Unlike a timeout, a reset or a connection dropped mid-answer, none of these
 * says anything was there; told apart by the exception's type, never by its message.
 */
public enum ConnectFailure {
    REFUSED("connection refused"),
    UNKNOWN_HOST("unknown host"),
    NO_ROUTE("no route to host");

    private final String text;

    ConnectFailure(String text) {
        this.text = text;
    }

    /** How a message says it: {@code connection refused}, {@code unknown host}, {@code no route to host}. */
    public String text() {
        return text;
    }

    /**
     * The connect failure {@code error} or one of its causes is; empty for anything else, timeouts included (the JDK's
     * HTTP client reports a connect timeout as a timeout caused by a {@link ConnectException}).
     */
    public static Optional<ConnectFailure> of(Throwable error) {
        boolean unknownHost = false;
        boolean noRoute = false;
        boolean notConnected = false;
        int depth = 0;
        for (Throwable cause = error; cause != null && depth < 20; cause = cause.getCause(), depth++) {
            switch (cause) {
                case HttpTimeoutException timeout -> {
                    return Optional.empty();
                }
                case InterruptedIOException timeout -> {
                    return Optional.empty();
                }
                case UnknownHostException unknown -> unknownHost = true;
                case UnresolvedAddressException unresolved -> unknownHost = true;
                case NoRouteToHostException unroutable -> noRoute = true;
                case ConnectException refused -> notConnected = true;
                default -> {
                }
            }
        }
        // The more specific cause wins: the JDK's client wraps an unresolved address in a ConnectException.
        return unknownHost ? Optional.of(UNKNOWN_HOST) : noRoute ? Optional.of(NO_ROUTE) : notConnected ? Optional.of(REFUSED)
                : Optional.empty();
    }
}
