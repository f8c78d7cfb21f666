package dev.dpsrig.simulator.http;

import dev.dpsrig.simulator.log.RequestLog;
import io.helidon.common.uri.UriQuery;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Optional;

/**
 * Every request on a port, once answered, as a line of the {@link RequestLog}: its method, path and query, status,
 * the registration id (DPS device API) or device id (a hub's) its path names, and how long it took. Second on each
 * port, after {@link HealthCheck}, so that a container's probes do not fill the log.
 */
final class LoggedRequests implements Filter {
    private final RequestLog log;

    LoggedRequests(RequestLog log) {
        this.log = log;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        long start = System.nanoTime();
        try {
            chain.proceed();
        } finally {
            UriQuery query = request.prologue().query();
            String rawPath = request.prologue().uriPath().rawPath();
            log.record(request.prologue().method().text(), rawPath + (query.isEmpty() ? "" : "?" + query.rawValue()),
                    Integer.toString(response.status().code()), id(request, rawPath), start, Optional.empty());
        }
    }

    /** {@code /{scope}/registrations/{id}/...} on the DPS device API, {@code /devices/{id}/...} on a hub. */
    private static Optional<String> id(RoutingRequest request, String rawPath) {
        String[] segments = rawPath.split("/", 5);
        return switch (request.context().get(ApiFamily.class).orElse(ApiFamily.ADMIN)) {
            case DPS_DEVICE -> segments.length > 3 ? Optional.of(segments[3]) : Optional.empty();
            case HUB_DEVICE -> segments.length > 2 && segments[1].equalsIgnoreCase("devices") ? Optional.of(segments[2]) : Optional.empty();
            case DPS_SERVICE, ADMIN -> Optional.empty();
        };
    }
}
