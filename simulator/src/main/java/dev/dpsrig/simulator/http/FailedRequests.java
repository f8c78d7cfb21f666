package dev.dpsrig.simulator.http;

import io.helidon.http.HeaderValues;
import io.helidon.http.HttpException;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ErrorHandler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.OptionalLong;

/**
 * The one error path of a port, registered with {@code routing.error(Throwable.class, ...)}:
 * whatever a route throws reaches the client in the port's error format. An API's own refusal goes
 * out as it is; a request body that could not be read (bad chunked framing, over the port's limit,
 * see {@link RequestBodies}) is a 4xx; anything else is a bug, answered 500 with a tracking id and
 * logged by {@link InternalErrors}, never with its text.
 *
 * <p>A refusal that leaves a body unread that may not be read past (undeclared, or over the API's
 * limit) says {@code Connection: close}. Helidon then leaves the body unread, but on its own would go
 * on reading the connection; {@link RequestGate}, which every request passes before fault injection
 * and the routes, closes it once such an answer is out. An error handler cannot close the connection itself: Helidon answers again, and logs
 * a warning, when an error handler throws.
 */
final class FailedRequests implements ErrorHandler<Throwable> {
    private final ErrorFormat format;

    FailedRequests(ErrorFormat format) {
        this.format = format;
    }

    @Override
    public void handle(ServerRequest request, ServerResponse response, Throwable failure) {
        if (failure instanceof CloseConnectionException close) {
            throw close;
        }
        if (response.isSent()) {
            // Nothing more can be sent: the answer, or part of it, is out.
            if (!isConnectionFailure(failure)) {
                InternalErrors.report(describe(request), failure);
            }
            throw new CloseConnectionException("failed after the answer was sent", failure);
        }
        ErrorFormat.Refusal refusal = refusal(request, failure);
        if (failure instanceof RequestBodies.UnreadableBody || !bodyCanBeDrained(request)) {
            refusal.headers().put(HeaderValues.CONNECTION_CLOSE.name(), HeaderValues.CONNECTION_CLOSE.get());
        }
        refusal.send(response);
    }

    private ErrorFormat.Refusal refusal(ServerRequest request, Throwable failure) {
        return format.refusalOf(failure).orElseGet(() -> switch (failure) {
            case RequestBodies.UnreadableBody unreadable when unreadable.status() < 500 -> format.refusal(unreadable.status(), unreadable.describe(request));
            case HttpException http when http.status().code() < 500 ->
                    format.refusal(http.status().code(), String.valueOf(http.getMessage()));
            default -> format.internalError(InternalErrors.report(describe(request), failure));
        });
    }

    /**
     * Whether Helidon may read the rest of the body after the answer to keep the connection: only
     * when it is declared and within the API's limit, so that a refusal never reads a large body.
     */
    private static boolean bodyCanBeDrained(ServerRequest request) {
        if (!request.content().hasEntity() || request.content().consumed()) {
            return true;
        }
        OptionalLong declared = request.headers().contentLength();
        return declared.isPresent() && declared.getAsLong() <= ApiFamily.of(request).maxBody(request.headers());
    }

    private static boolean isConnectionFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.io.IOException || cause instanceof java.io.UncheckedIOException) {
                return true;
            }
        }
        return false;
    }

    static String describe(ServerRequest request) {
        String path = request.prologue().uriPath().rawPath();
        return request.prologue().method().text() + " " + (path.length() > 200 ? path.substring(0, 200) + "..." : path);
    }
}
