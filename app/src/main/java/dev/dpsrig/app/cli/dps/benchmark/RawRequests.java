package dev.dpsrig.app.cli.dps.benchmark;

import dev.dpsrig.app.bench.Outcome;
import io.helidon.webclient.http1.Http1Client;
import java.util.Optional;

/**
 * The cheapest answer of the DPS port that still passes routing and the DPS error path: the yardstick the
 * registration rates are divided by, measured by the same server in the same run.
 */
final class RawRequests implements Client {
    private final Http1Client client;
    private final String path;

    RawRequests(Server server) {
        this.client = server.anonymousClient();
        this.path = "/" + server.idScope() + "/registrations/x/operations/unknown";
    }

    @Override
    public Outcome run() {
        DeviceProtocol.Answer answer = DeviceProtocol.send(client.get(path), Optional.empty(), Optional.empty());
        return answer.status() == 401 ? Outcome.expected(1)
                : Outcome.unexpected(1, "GET " + path + " without credentials answered " + answer + ", not 401");
    }

    @Override
    public void close() {
        client.closeResource();
    }
}
