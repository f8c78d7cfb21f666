package dev.dpsrig.simulator.http;

import io.helidon.common.uri.UriPath;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * What every request on a port passes first, before fault injection, authentication or any parsing:
 * it learns its {@link ApiFamily}, a {@code Content-Length} over that API's limit is answered 413
 * in the API's format and the connection closed without reading the body, and the connection is
 * closed once answered when either side said {@code Connection: close}: a request that asked for it
 * (HTTP/1.0 ones do by default), or a refusal that left a body unread ({@link FailedRequests}), as
 * HTTP requires and Helidon on its own does not.
 */
final class RequestGate implements Filter {
    private final Function<UriPath, ApiFamily> families;
    private final ErrorFormat format;
    private final FailedRequests failures;

    /** @param families which API a path on this port is for */
    RequestGate(Function<UriPath, ApiFamily> families, ErrorFormat format) {
        this.families = families;
        this.format = format;
        this.failures = new FailedRequests(format);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        ApiFamily family = families.apply(request.prologue().uriPath());
        request.context().register(family);
        OptionalLong declared = request.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > family.maxBody(request.headers())) {
            ErrorFormat.Refusal refusal = format.refusal(413, family.refusal(declared, request.headers()));
            refusal.headers().put(HeaderValues.CONNECTION_CLOSE.name(), HeaderValues.CONNECTION_CLOSE.get());
            refusal.send(response);
            throw new CloseConnectionException("refused a body of " + declared.getAsLong() + " bytes without reading it");
        }
        try {
            chain.proceed();
        } catch (CloseConnectionException close) {
            throw close;
        } catch (RuntimeException | Error failure) {
            // A filter behind this one failed (a route's failure was answered before the chain returned): the
            // port's error handler would answer it only after this filter, when nothing could close the connection.
            failures.handle(request, response, failure);
        }
        if (response.isSent() && (request.headers().containsToken(HeaderValues.CONNECTION_CLOSE)
                || response.headers().containsToken(HeaderValues.CONNECTION_CLOSE))) {
            throw new CloseConnectionException("the connection closes after this answer, as it says");
        }
    }
}
