package dev.dpsrig.simulator.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How one API (DPS, or an IoT hub) answers what it refuses: the status, the API's error headers and
 * its JSON error body. Every refusal on a port, whether a route's, the request limits', a framing
 * error Helidon found or a bug, goes out in its port's format.
 */
interface ErrorFormat {
    /** A refusal with this status and message in this API's format; a status the API has no code for becomes 400. */
    Refusal refusal(int status, String message);

    /** The refusal an exception of this API carries ({@code DpsException}, {@code HubException}), when it is one. */
    Optional<Refusal> refusalOf(Throwable failure);

    /** The 500 of a bug: no detail but the tracking id the log line carries. */
    Refusal internalError(String trackingId);

    /** A refusal ready to send: status, headers in order, and the body. */
    record Refusal(int status, Map<String, String> headers, byte[] body) {
        public Refusal {
            headers = new LinkedHashMap<>(headers);
        }

        /** Writes it as the answer; headers the route set before it failed (such as {@code Allow}) stay. */
        void send(ServerResponse response) {
            response.status(status);
            headers.forEach(response::header);
            response.send(body);
        }

        /** The same refusal for a {@link DirectHandler}, which answers what never reached routing. */
        DirectHandler.TransportResponse transport() {
            DirectHandler.TransportResponse.Builder builder = DirectHandler.TransportResponse.builder()
                    .status(Status.create(status))
                    .keepAlive(false);
            headers.forEach((name, value) -> builder.header(HeaderNames.create(name), value));
            return builder.entity(body).build();
        }
    }
}
