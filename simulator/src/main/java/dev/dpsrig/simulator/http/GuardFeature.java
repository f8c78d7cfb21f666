package dev.dpsrig.simulator.http;

import io.helidon.common.Weighted;
import io.helidon.common.buffers.DataReader;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.RequestException;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.HttpFeature;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The routing feature of a {@link ConnectionGuard}: its filter, before any other, marks each request's start and end
 * on the connection, watches the body's reads, and answers a connection over the cap with a 503 and closes it.
 */
final class GuardFeature implements HttpFeature, Weighted {
    private final Supplier<ConnectionGuard.Watched> watchedHere;
    private final ConnectionCap cap;
    private final ConnectionGuard.Refusal refusal;

    /** {@code watchedHere}: the connection the current thread serves, or null. */
    GuardFeature(Supplier<ConnectionGuard.Watched> watchedHere, ConnectionCap cap, ConnectionGuard.Refusal refusal) {
        this.watchedHere = watchedHere;
        this.cap = cap;
        this.refusal = refusal;
    }

    /** Features are set up heaviest first, and the main routing's filters are added at the default weight. */
    @Override
    public double weight() {
        return Weighted.DEFAULT_WEIGHT * 10;
    }

    @Override
    public void setup(HttpRouting.Builder routing) {
        routing.addFilter(this::filter);
    }

    private void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        ConnectionGuard.Watched connection = watchedHere.get();
        if (connection == null) {
            chain.proceed();
            return;
        }
        connection.requestStarted();
        try {
            Optional<String> overCapMessage = cap.overCapMessage(request);
            if (overCapMessage.isPresent()) {
                response.header(HeaderNames.RETRY_AFTER, Integer.toString(ConnectionGuard.RETRY_AFTER_SECONDS));
                response.header(HeaderValues.CONNECTION_CLOSE);
                refusal.refuse(response, overCapMessage.get());
                throw new CloseConnectionException("over the connection cap of its client address; answered 503");
            }
            request.streamFilter(body -> new WatchedBody(body, connection));
            chain.proceed();
            // What the handler left of the body is read now, still under the body deadline, so the connection is
            // idle (and on the idle deadline) only once the next request could start.
            if (request.content().hasEntity() && !request.content().consumed()
                    && !response.headers().contains(HeaderValues.CONNECTION_CLOSE)) {
                consumeAfterAnswer(request);
            }
        } finally {
            connection.requestEnded();
        }
    }

    /**
     * Reads the body a request was answered without. The answer is out whole by then; a body that turns out broken
     * (its chunked framing refused, or the client's stream ending before it does) cannot be read past, so the
     * connection ends quietly after the answer rather than through the error handlers, which can no longer answer and
     * would log that they could not.
     */
    private static void consumeAfterAnswer(RoutingRequest request) {
        try {
            request.content().consume();
        } catch (RequestException | DataReader.InsufficientDataAvailableException | UncheckedIOException broken) {
            throw new CloseConnectionException("the body of an answered request could not be read past: " + broken.getMessage(), broken);
        }
    }
}
