package dev.dpsrig.app.cli.dps.benchmark;

import dev.dpsrig.app.bench.Client;
import dev.dpsrig.app.bench.Outcome;
import dev.dpsrig.protocol.SasToken;
import dev.dpsrig.protocol.SymmetricKeys;
import io.helidon.webclient.http1.Http1Client;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A new device of the symmetric-key group per registration, over one keep-alive connection per client. */
final class SymmetricKeyDevice implements Client {
    private final Server server;
    private final Http1Client client;
    private final String groupKey;
    private final String idPrefix;
    private long next;

    SymmetricKeyDevice(Server server, String groupKey, String idPrefix) {
        this.server = server;
        this.client = server.anonymousClient();
        this.groupKey = groupKey;
        this.idPrefix = idPrefix;
    }

    @Override
    public Outcome run() throws Exception {
        String registrationId = idPrefix + next++;
        SasToken token = SasToken.sign(server.idScope() + "/registrations/" + registrationId,
                SymmetricKeys.deriveDeviceKey(groupKey, registrationId), Instant.now().plus(Duration.ofHours(1)),
                Optional.of("registration"));
        return DeviceProtocol.register(client, server.idScope(), registrationId, Optional.of(token.toAuthorizationHeader()));
    }

    @Override
    public void close() {
        client.closeResource();
    }
}
