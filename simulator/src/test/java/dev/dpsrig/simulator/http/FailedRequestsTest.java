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
 * A request that fails after its answer went out (the client left while it was being written) must
 * not be answered again: that is what logged "Cannot set response header after response was
 * already sent" under load.
 */
class FailedRequestsTest {
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
    private final FailedRequests failures = new FailedRequests(new JsonResponses(Clock.systemUTC()));

    @Test
    void aWriteThatFailedBecauseTheClientLeftClosesTheConnectionAndSendsNothing() {
        ServerConnectionException clientLeft = new ServerConnectionException("Failed to write response",
                new UncheckedIOException(new IOException("Broken pipe")));

        assertThatThrownBy(() -> failures.handle(request, sentResponse, clientLeft)).isSameAs(clientLeft);
        assertThat(calls).isEmpty();
    }

    @Test
    void aBugAfterTheAnswerWentOutClosesTheConnectionAndSendsNothing() {
        assertThatThrownBy(() -> failures.handle(request, sentResponse, new UncheckedIOException(new IOException("Connection reset by peer"))))
                .isInstanceOf(CloseConnectionException.class);
        assertThatThrownBy(() -> failures.handle(request, sentResponse, new IllegalStateException("a bug after sending")))
                .isInstanceOf(CloseConnectionException.class);
        assertThat(calls).isEmpty();
    }
}
