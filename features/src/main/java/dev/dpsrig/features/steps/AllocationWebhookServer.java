package dev.dpsrig.features.steps;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A custom allocation webhook, the Azure Function a DPS custom allocation policy calls: a real HTTP
 * server on loopback that records every {@code AllocationRequest} and answers with what the scenario
 * chose. The simulator posts to it exactly as it would to a deployed function.
 */
final class AllocationWebhookServer implements AutoCloseable {
    private final HttpServer server;
    private final List<JsonObject> requests = new CopyOnWriteArrayList<>();

    private AllocationWebhookServer(HttpServer server) {
        this.server = server;
    }

    /** @param answer the response body for an {@code AllocationRequest} */
    static AllocationWebhookServer start(Function<JsonObject, JsonObject> answer) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            AllocationWebhookServer webhook = new AllocationWebhookServer(server);
            server.createContext("/allocate", exchange -> webhook.handle(exchange, answer));
            server.start();
            return webhook;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the allocation webhook", e);
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/allocate");
    }

    /** The allocation requests received, in order. */
    List<JsonObject> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange, Function<JsonObject, JsonObject> answer) throws IOException {
        try (exchange) {
            JsonObject request;
            try (JsonReader reader = Jsonp.createReader(new InputStreamReader(exchange.getRequestBody(), StandardCharsets.UTF_8))) {
                request = reader.readObject();
            } catch (RuntimeException malformed) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            requests.add(request);
            byte[] body = answer.apply(request).toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
