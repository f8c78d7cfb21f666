package dev.dpsrig.features.steps;

import dev.dpsrig.features.transport.Transport;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;
import java.util.Optional;

/**
 * The transport a scenario's emulated devices use, as its run's tag says (see
 * {@link dev.dpsrig.features.transport.TransportRuns}); HTTPS for a feature run as it is, without a transport's copy.
 */
public final class ScenarioTransport {
    private Transport transport = Transport.HTTPS;

    /** Read before every other hook and step. */
    @Before(order = 0)
    public void read(Scenario scenario) {
        transport = scenario.getSourceTagNames().stream().map(Transport::ofTag).flatMap(Optional::stream).findFirst()
                .orElse(Transport.HTTPS);
    }

    public Transport transport() {
        return transport;
    }

    /** Whether devices speak MQTT (over TLS or WebSockets) in this scenario. */
    public boolean mqtt() {
        return transport != Transport.HTTPS;
    }
}
