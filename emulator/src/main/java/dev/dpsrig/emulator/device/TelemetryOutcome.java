package dev.dpsrig.emulator.device;

import dev.dpsrig.protocol.ConnectFailure;
import java.time.Duration;
import java.util.Optional;

/**
 * How a send ended: every message is either acknowledged by the hub or counted as failed with its reason, or, when
 * the hub could not be reached at all, as unreachable.
 */
public sealed interface TelemetryOutcome {

    int messages();

    /** The hub answered 204 (after {@code attempts} tries). */
    record Acknowledged(int messages, Duration latency, int attempts) implements TelemetryOutcome {
    }

    /**
     * The hub refused, or retries ran out of time.
     *
     * @param httpStatus 0 when no answer came (connection failures)
     * @param errorCode  the hub's {@code iothub-errorcode}, e.g. {@code DeviceNotFound}
     */
    record Failed(int messages, int httpStatus, Optional<String> errorCode, String reason) implements TelemetryOutcome {
    }

    /**
     * No connection could be opened to the hub (refused, unknown host, no route) and it had never answered through this
     * transport: not retried (see {@link RetryPolicy#retries}).
     *
     * @param endpoint the hub's {@code host:port}
     */
    record Unreachable(int messages, String endpoint, ConnectFailure connectFailure, String reason) implements TelemetryOutcome {
    }
}
