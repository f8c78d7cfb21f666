package dev.dpsrig.simulator.http;

import dev.dpsrig.protocol.Jsonp;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * {@code GET /health} on the DPS port and on each hub's port, for a script or a container runtime waiting for the
 * simulator: unauthenticated, answered before anything else looks at the request (so never faulted, throttled or
 * counted by a quota), at once. Once the simulator has loaded its state and opened its {@link StartupGate} it is 200
 * {@code {"status":"ready","endpoint":...}}; before that 503 with {@code Retry-After}, in the port's error format.
 * Other methods on the path go on to the routes, which answer them as any unknown path.
 */
final class HealthCheck implements Filter {
    static final String PATH = "/health";

    private final StartupGate gate;
    private final JsonObject ready;
    private final Consumer<RoutingResponse> starting;

    /**
     * @param endpoint what the port serves, as the answer names it: {@code dps}, {@code hub NAME}
     * @param starting the port's 503 while the simulator starts
     */
    HealthCheck(StartupGate gate, String endpoint, Consumer<RoutingResponse> starting) {
        this.gate = gate;
        this.ready = Jsonp.createObjectBuilder().add("status", "ready").add("endpoint", endpoint).build();
        this.starting = starting;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        Method method = request.prologue().method();
        if (!request.prologue().uriPath().path().equals(PATH) || !(method.equals(Method.GET) || method.equals(Method.HEAD))) {
            chain.proceed();
        } else if (gate.isOpen()) {
            response.header(HeaderNames.CONTENT_TYPE, JsonResponses.JSON);
            response.header(HeaderNames.CACHE_CONTROL, "no-store");
            response.send(ready.toString().getBytes(StandardCharsets.UTF_8));
        } else {
            starting.accept(response);
        }
    }
}
