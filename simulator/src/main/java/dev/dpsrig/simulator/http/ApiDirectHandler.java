package dev.dpsrig.simulator.http;

import io.helidon.common.uri.UriPath;
import io.helidon.http.DirectHandler;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import java.util.Optional;
import java.util.function.Function;

/**
 * Answers, in the port's error format, what Helidon refuses before a request reaches routing: a
 * request line or headers it cannot read or that are over {@link RequestLimits}, a body over the
 * port's limit, broken chunked framing, too many requests at once. Framing errors are the client's
 * (4xx, never Helidon's 501 or 505); a 500 here is a bug and carries only a tracking id.
 */
final class ApiDirectHandler implements DirectHandler {
    /** What Helidon puts in place of a message it considers unsafe to echo. */
    private static final String HELIDON_PLACEHOLDER = "Bad request, see server log for more information";

    private final ErrorFormat format;
    private final Function<UriPath, ApiFamily> families;

    private ApiDirectHandler(ErrorFormat format, Function<UriPath, ApiFamily> families) {
        this.format = format;
        this.families = families;
    }

    /** @param families which API a path on this port is for, as {@link RequestGate} tells them */
    static DirectHandlers forPort(ErrorFormat format, Function<UriPath, ApiFamily> families) {
        ApiDirectHandler handler = new ApiDirectHandler(format, families);
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (EventType type : EventType.values()) {
            builder.addHandler(type, handler);
        }
        return builder.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status defaultStatus,
                                    ServerResponseHeaders responseHeaders, String message) {
        int status = defaultStatus.code();
        Optional<String> detail = Optional.ofNullable(message).filter(text -> !text.isBlank() && !text.equals(HELIDON_PLACEHOLDER));
        ErrorFormat.Refusal refusal;
        if (status == 500 || eventType == EventType.INTERNAL_ERROR) {
            refusal = format.internalError(InternalErrors.report(request.method() + " " + request.path(),
                    new IllegalStateException("the server failed outside routing: " + detail.orElse(eventType.name()))));
        } else if (status == 503) {
            refusal = format.refusal(503, "the server is busy (" + detail.orElse("too many requests at once") + "); retry later");
        } else if (status == 413) {
            refusal = format.refusal(413, tooLarge(request));
        } else if (status == 414) {
            refusal = format.refusal(414, "the request line is longer than " + RequestLimits.MAX_REQUEST_LINE
                    + " bytes, the limit (method, path with query, and HTTP version)");
        } else if (eventType == EventType.HTTP_VERSION_NOT_SUPPORTED || status == 505) {
            refusal = format.refusal(400, "the request is not HTTP/1.1 or HTTP/1.0" + detail.map(text -> ": " + text).orElse(""));
        } else {
            // 400 and Helidon's 501 for a transfer coding it does not take: the client's request is at fault.
            refusal = format.refusal(status >= 400 && status < 500 ? status : 400, "the request could not be read as HTTP/1.1"
                    + detail.map(text -> ": " + text).orElse(" (a malformed request line, header or body framing, or headers over "
                    + RequestLimits.MAX_HEADERS + " bytes)"));
        }
        responseHeaders.forEach(header -> refusal.headers().putIfAbsent(header.name(), header.get()));
        return refusal.transport();
    }

    /** The same 413 message the request's API gives when it finds the body too large itself. */
    private String tooLarge(TransportRequest request) {
        try {
            ApiFamily family = families.apply(UriPath.create(request.path()));
            return family.refusal(request.headers().contentLength(), request.headers());
        } catch (RuntimeException unreadable) {
            return "the request body exceeds the limit of this port";
        }
    }
}
