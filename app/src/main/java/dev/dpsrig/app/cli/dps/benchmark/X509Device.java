package dev.dpsrig.app.cli.dps.benchmark;

import dev.dpsrig.app.bench.BenchClients;
import dev.dpsrig.app.bench.Client;
import dev.dpsrig.app.bench.Outcome;
import io.helidon.webclient.http1.Http1Client;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Each registration is a device of the fleet starting from scratch: a new client, a new connection, a full handshake.
 * The device's context is reused on its next turn, so its cached sessions are forgotten, or that turn would resume.
 */
final class X509Device implements Client {
    private final Server server;
    private final X509Fleet fleet;

    X509Device(Server server, X509Fleet fleet) {
        this.server = server;
        this.fleet = fleet;
    }

    @Override
    public Outcome run() throws Exception {
        int device = fleet.nextDevice();
        SSLContext context = fleet.contexts().get(device);
        Http1Client client = server.client(context);
        try {
            return DeviceProtocol.register(client, server.idScope(), fleet.identities().get(device).commonName(), Optional.empty());
        } finally {
            client.closeResource();
            BenchClients.forgetSessions(context);
        }
    }

    @Override
    public void close() {
    }
}
