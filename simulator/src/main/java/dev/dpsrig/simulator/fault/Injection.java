package dev.dpsrig.simulator.fault;

import dev.dpsrig.simulator.dps.OutcomeOverride;
import java.time.Duration;
import java.util.Optional;

/**
 * What a front door does with a call that is arriving, as {@link FaultInjector} decides it: refuse
 * it, drop its connection, or let it through, possibly late, with its answer damaged or its outcome
 * decided in advance.
 */
public sealed interface Injection {

    /** Answer with this refusal; the call never reaches the service. */
    record Refuse(Refusal refusal) implements Injection {
    }

    /** Close the connection at this point, with the reason for the server's log. */
    record Drop(Fault.DropPoint point, String reason) implements Injection {
    }

    /**
     * Serve the call, after waiting {@code delay}.
     *
     * @param damage  how to damage the answer before it goes out
     * @param outcome how a register call is to end, whatever DPS would decide
     */
    record Proceed(Duration delay, Optional<Fault.Malformation> damage, Optional<OutcomeOverride> outcome) implements Injection {
        /** The call served as it is, at once. */
        public static final Proceed UNTOUCHED = new Proceed(Duration.ZERO, Optional.empty(), Optional.empty());

        public Proceed {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("a delay cannot be negative: " + delay);
            }
        }

        /** Waits out the delay on the calling thread (a virtual thread, holding no platform thread); an interrupt ends the wait. */
        public void pause() {
            if (delay.isZero()) {
                return;
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
