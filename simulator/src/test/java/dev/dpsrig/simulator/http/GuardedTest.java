package dev.dpsrig.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.ServerConnectionException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A handler that fails after its answer went out (the client left while it was being written) must
 * not try to answer again: that is what logged "Cannot set response header after response was
 * already sent" under load.
 */
class GuardedTest {
    private final List<String> calls = new ArrayList<>();
    private final ServerRequest request = (ServerRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {ServerRequest.class}, (proxy, method, arguments) -> switch (method.getName()) {
                case "prologue" -> HttpPrologue.create("HTTP/1.1", "HTTP", "1.1", Method.GET, "/enrollments/query", false);
                default -> throw new UnsupportedOperationException("request." + method.getName());
            });
    private final ServerResponse sentResponse = (ServerResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {ServerResponse.class}, (proxy, method, arguments) -> {
                if (method.getName().equals("isSent")) {
                    return true;
                }
                calls.add(method.getName());
                throw new IllegalStateException("Cannot set response header after response was already sent.");
            });
    private final JsonResponses format = new JsonResponses(Clock.systemUTC());

    @Test
    void aWriteThatFailedBecauseTheClientLeftClosesTheConnectionAndSendsNothing() {
        ServerConnectionException clientLeft = new ServerConnectionException("Failed to write response",
                new UncheckedIOException(new IOException("Broken pipe")));

        assertThatThrownBy(() -> Guarded.handler(format, (request, response) -> {
            throw clientLeft;
        }).handle(request, sentResponse)).isSameAs(clientLeft);
        assertThat(calls).isEmpty();
    }

    @Test
    void aBugAfterTheAnswerWentOutClosesTheConnectionAndSendsNothing() {
        assertThatThrownBy(() -> Guarded.handler(format, (request, response) -> {
            throw new UncheckedIOException(new IOException("Connection reset by peer"));
        }).handle(request, sentResponse)).isInstanceOf(CloseConnectionException.class);
        assertThatThrownBy(() -> Guarded.handler(format, (request, response) -> {
            throw new IllegalStateException("a bug after sending");
        }).handle(request, sentResponse)).isInstanceOf(CloseConnectionException.class);
        assertThat(calls).isEmpty();
    }
}
