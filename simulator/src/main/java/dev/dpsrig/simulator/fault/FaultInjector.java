package dev.dpsrig.simulator.fault;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The one place that decides which faults and quota refusals a call meets, for every front door
 * alike: a transport asks as a connection opens, and again as each call arrives, and enacts the answer
 * in its own protocol.
 */
public interface FaultInjector {

    /** How long the server waits before it answers the client's hello on this handshake endpoint, if a rule says so. */
    Optional<Duration> handshakeDelay(Endpoint handshake);

    /** The CONNACK return code (1 to 5) to refuse this MQTT CONNECT with, if a rule says so. */
    OptionalInt connectRefusal(Call connect);

    /** What to do with this call: refuse it (a fault, or a quota it exceeds), drop its connection, or serve it. */
    Injection arriving(Call call);

    /** The faults of this plan; a call the plan leaves alone is then checked against the quotas. */
    static FaultInjector of(FaultPlan plan, QuotaCheck quotas) {
        return new PlannedFaults(plan, quotas);
    }

    /** The quotas a call counts against: a refusal when it exceeds one. */
    @FunctionalInterface
    interface QuotaCheck {
        Optional<Refusal.Throttled> admit(Call call);
    }
}
