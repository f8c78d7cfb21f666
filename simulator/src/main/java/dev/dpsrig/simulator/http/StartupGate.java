package dev.dpsrig.simulator.http;

import dev.dpsrig.protocol.DpsErrorCode;
import dev.dpsrig.protocol.HubErrorCode;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.RoutingResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The first filter on every port but {@link HealthCheck}. The stored state is read before the ports listen, but the DPS and the
 * hubs can only be built once the hubs' ports are bound; a request that arrives in that short moment
 * waits for them here (on its own virtual thread), and is served as usual. Were the simulator to take
 * longer than {@link #PATIENCE}, the request is answered 503 with {@code Retry-After} in the port's own
 * error format, never the 500 of a route that finds nothing to serve it.
 */
final class StartupGate {
    static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final int RETRY_AFTER_SECONDS = 1;
    private static final String STARTING = "the simulator is starting; retry after " + RETRY_AFTER_SECONDS + " s";

    private final CountDownLatch ready = new CountDownLatch(1);
    private final Duration patience;

    StartupGate() {
        this(PATIENCE);
    }

    StartupGate(Duration patience) {
        this.patience = patience;
    }

    /** Lets every held and later request through. */
    void open() {
        ready.countDown();
    }

    /** Whether the simulator is ready: its gate no longer holds requests. */
    boolean isOpen() {
        return ready.getCount() == 0;
    }

    Filter forDps(JsonResponses responses) {
        return filter(startingDps(responses));
    }

    Filter forHub(HubResponses responses) {
        return filter(startingHub(responses));
    }

    /** {@code GET /health} on the DPS port, answered as {@link HealthCheck} says. */
    Filter healthOfDps(JsonResponses responses) {
        return new HealthCheck(this, "dps", startingDps(responses));
    }

    /** {@code GET /health} on the port of the hub named {@code name}. */
    Filter healthOfHub(String name, HubResponses responses) {
        return new HealthCheck(this, "hub " + name, startingHub(responses));
    }

    private static Consumer<RoutingResponse> startingDps(JsonResponses responses) {
        return starting(response -> responses.error(response, DpsErrorCode.SERVICE_UNAVAILABLE, STARTING));
    }

    private static Consumer<RoutingResponse> startingHub(HubResponses responses) {
        return starting(response -> responses.error(response, HubErrorCode.SERVICE_UNAVAILABLE, STARTING));
    }

    /** The port's 503 while the simulator starts, with {@code Retry-After}. */
    private static Consumer<RoutingResponse> starting(Consumer<RoutingResponse> refusal) {
        return response -> {
            response.header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            refusal.accept(response);
        };
    }

    private Filter filter(Consumer<RoutingResponse> refuse) {
        return (chain, request, response) -> {
            if (awaitReady()) {
                chain.proceed();
            } else {
                refuse.accept(response);
            }
        };
    }

    private boolean awaitReady() {
        if (isOpen()) {
            return true;
        }
        try {
            return ready.await(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
