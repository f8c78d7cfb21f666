package dev.dpsrig.simulator.http;

import io.helidon.common.buffers.DataReader;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpException;
import io.helidon.http.RequestException;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ErrorHandler;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.OptionalLong;

/**
 * The one error path of every route: whatever a handler throws reaches the client in its port's
 * error format. An API's own refusal goes out as it is; a request Helidon could not read (bad
 * chunked framing, a body over the port's limit) is a 4xx; anything else is a bug, answered 500
 * with a tracking id and logged by {@link InternalErrors}, never with its text. A failure after the
 * answer went out (the client left mid-write) sends nothing more: the connection is closed.
 */
final class Guarded {
    private Guarded() {
    }

    interface DpsHandler {
        void handle(ServerRequest request, ServerResponse response);
    }

    static Handler handler(ErrorFormat format, DpsHandler handler) {
        return (request, response) -> {
            try {
                handler.handle(request, response);
            } catch (RuntimeException | Error e) {
                answer(request, response, format, e);
            }
        };
    }

    /**
     * The last resort behind the routes and filters, for {@code routing.error(Throwable.class, ...)}:
     * the same answers, except that it cannot cut the connection (Helidon logs a failing error
     * handler), so an unread body is left to Helidon to drain within the port's limit.
     */
    static ErrorHandler<Throwable> errorHandler(ErrorFormat format) {
        return (request, response, failure) -> {
            if (response.isSent()) {
                return;
            }
            refusal(request, format, failure).send(response);
        };
    }

    /** Answers a failed request, then closes the connection when what is left of its body cannot be read past. */
    static void answer(ServerRequest request, ServerResponse response, ErrorFormat format, Throwable failure) {
        if (failure instanceof CloseConnectionException close) {
            throw close;
        }
        if (failure instanceof DataReader.InsufficientDataAvailableException) {
            throw new CloseConnectionException("the client closed the connection before the request ended", failure);
        }
        if (response.isSent()) {
            if (!isConnectionFailure(failure)) {
                InternalErrors.report(describe(request), failure);
            }
            throw new CloseConnectionException("failed after the answer was sent", failure);
        }
        ErrorFormat.Refusal refusal = refusal(request, format, failure);
        boolean close = failure instanceof RequestException || !bodyCanBeDrained(request);
        if (close) {
            refusal.headers().put(HeaderValues.CONNECTION_CLOSE.name(), HeaderValues.CONNECTION_CLOSE.get());
        }
        refusal.send(response);
        if (close) {
            throw new CloseConnectionException("answered " + refusal.status() + " without reading the rest of the request");
        }
    }

    private static ErrorFormat.Refusal refusal(ServerRequest request, ErrorFormat format, Throwable failure) {
        return format.refusalOf(failure).orElseGet(() -> switch (failure) {
            case RequestException framing when framing.status().code() < 500 ->
                    format.refusal(framing.status().code(), framingMessage(request, framing));
            case HttpException http when http.status().code() < 500 ->
                    format.refusal(http.status().code(), String.valueOf(http.getMessage()));
            default -> format.internalError(InternalErrors.report(describe(request), failure));
        });
    }

    private static String framingMessage(ServerRequest request, RequestException framing) {
        if (framing.status().code() == 413) {
            return ApiFamily.of(request).refusal(OptionalLong.empty(), request.headers());
        }
        String detail = framing.safeMessage() && framing.getMessage() != null ? ": " + framing.getMessage() : "";
        return "the request body could not be read as HTTP/1.1 framed it" + detail;
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
