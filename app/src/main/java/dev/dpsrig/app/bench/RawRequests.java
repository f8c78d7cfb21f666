package dev.dpsrig.app.bench;

import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.http1.Http1Client;

/**
 * The cheapest answer of the DPS port that still passes routing and the DPS error path, over one keep-alive
 * connection: the yardstick the other rates of a benchmark are divided by, measured by the same server in the same run.
 */
public final class RawRequests implements Client {
    private final Http1Client client;
    private final String path;

    /** @param client a client that presents no certificate, its connection this worker's own */
    public RawRequests(Http1Client client, String idScope) {
        this.client = client;
        this.path = "/" + idScope + "/registrations/x/operations/unknown";
    }

    @Override
    public Outcome run() {
        try (HttpClientResponse response = client.get(path).queryParam("api-version", "2021-06-01").request()) {
            String body = response.as(String.class);
            int status = response.status().code();
            return status == 401 ? Outcome.expected(1)
                    : Outcome.unexpected(1, "GET " + path + " without credentials answered " + status + " " + body + ", not 401");
        }
    }

    @Override
    public void close() {
        client.closeResource();
    }
}
