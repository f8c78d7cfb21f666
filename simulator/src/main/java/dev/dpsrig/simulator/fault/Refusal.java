package dev.dpsrig.simulator.fault;

import dev.dpsrig.protocol.DpsErrorCode;
import dev.dpsrig.protocol.HubErrorCode;

/**
 * A call turned away before it reaches the service, by a fault rule or a quota. Each front door
 * says it in its own protocol: the status, error code and body of the API the call was for.
 */
public sealed interface Refusal {

    /** What the client is told, in words. */
    String message();

    /** The DPS error this refusal is answered with, over HTTPS and MQTT alike. */
    default DpsErrorCode dpsErrorCode() {
        return switch (this) {
            case Throttled throttled -> DpsErrorCode.THROTTLED;
            case ServerError error -> error.status() == 500 ? DpsErrorCode.INTERNAL_ERROR : DpsErrorCode.SERVICE_UNAVAILABLE;
            case Unauthorized unauthorized -> DpsErrorCode.UNAUTHORIZED;
        };
    }

    /** The IoT Hub error this refusal is answered with over HTTPS, and named by when it closes an MQTT connection. */
    default HubErrorCode hubErrorCode() {
        return switch (this) {
            case Throttled throttled -> HubErrorCode.THROTTLING_EXCEPTION;
            case ServerError error -> error.status() == 500 ? HubErrorCode.SERVER_ERROR : HubErrorCode.SERVICE_UNAVAILABLE;
            case Unauthorized unauthorized -> HubErrorCode.IOT_HUB_UNAUTHORIZED_ACCESS;
        };
    }

    /** Too many requests: come back after this many seconds. */
    record Throttled(int retryAfterSeconds, String message) implements Refusal {
    }

    /** The service failed (status 500) or is unavailable (503). */
    record ServerError(int status, String message) implements Refusal {
        public ServerError {
            if (status != 500 && status != 503) {
                throw new IllegalArgumentException("a server error is status 500 or 503, not " + status);
            }
        }
    }

    /** The caller is not let in, whatever its credentials. */
    record Unauthorized(String message) implements Refusal {
    }
}
