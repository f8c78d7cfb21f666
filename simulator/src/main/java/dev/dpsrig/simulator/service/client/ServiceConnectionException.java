package dev.dpsrig.simulator.service.client;

/**
 * The service API could not be asked at all: its settings are unreadable, or the host is
 * unreachable or not trusted. The message is one line naming the file or the address.
 */
public final class ServiceConnectionException extends RuntimeException {
    public ServiceConnectionException(String message) {
        super(message);
    }

    public ServiceConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
