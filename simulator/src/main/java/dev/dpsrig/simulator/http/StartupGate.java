package dev.dpsrig.simulator.http;

import dev.dpsrig.protocol.DpsErrorCode;
import dev.dpsrig.protocol.HubErrorCode;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The first filter on every port. The stored state is read before the ports listen, but the DPS and the
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

    Filter forDps(JsonResponses responses) {
        return (chain, request, response) -> pass(chain, response, () -> responses.error(response,
                DpsErrorCode.SERVICE_UNAVAILABLE, STARTING));
    }

    Filter forHub(HubResponses responses) {
        return (chain, request, response) -> pass(chain, response, () -> responses.error(response,
                HubErrorCode.SERVICE_UNAVAILABLE, STARTING));
    }

    private void pass(FilterChain chain, RoutingResponse response, Runnable refuse) {
        if (awaitReady()) {
            chain.proceed();
            return;
        }
        response.header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        refuse.run();
    }

    private boolean awaitReady() {
        if (ready.getCount() == 0) {
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
