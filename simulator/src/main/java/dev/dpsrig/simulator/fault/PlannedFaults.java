package dev.dpsrig.simulator.fault;

import dev.dpsrig.simulator.dps.OutcomeOverride;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** A fault plan and the quotas as one {@link FaultInjector}: a rule that strikes goes first, the quotas after. */
final class PlannedFaults implements FaultInjector {
    private final FaultPlan plan;
    private final QuotaCheck quotas;

    PlannedFaults(FaultPlan plan, QuotaCheck quotas) {
        this.plan = plan;
        this.quotas = quotas;
    }

    @Override
    public Optional<Duration> handshakeDelay(Endpoint handshake) {
        return plan.strike(handshake, "").flatMap(fault -> fault instanceof Fault.SlowHandshake slow
                ? Optional.of(slow.delay()) : Optional.empty());
    }

    @Override
    public OptionalInt connectRefusal(Call connect) {
        return plan.strike(connect).map(fault -> fault instanceof Fault.ConnectRefused refused
                ? OptionalInt.of(refused.returnCode()) : OptionalInt.empty()).orElse(OptionalInt.empty());
    }

    @Override
    public Injection arriving(Call call) {
        Optional<Fault> fault = plan.strike(call);
        if (fault.isEmpty()) {
            Optional<Refusal.Throttled> throttled = call.metered() ? quotas.admit(call) : Optional.empty();
            return throttled.<Injection>map(Injection.Refuse::new).orElse(Injection.Proceed.UNTOUCHED);
        }
        String origin = " (injected fault, " + call.endpoint().wireName() + ")";
        return switch (fault.get()) {
            case Fault.Throttle throttle -> new Injection.Refuse(new Refusal.Throttled(throttle.retryAfterSeconds(),
                    "too many requests, retry after " + throttle.retryAfterSeconds() + " s" + origin));
            case Fault.ServerError error -> new Injection.Refuse(new Refusal.ServerError(error.status(),
                    "the service is unavailable" + origin));
            case Fault.AuthenticationError error -> new Injection.Refuse(new Refusal.Unauthorized("authentication failed" + origin));
            case Fault.DropConnection drop -> new Injection.Drop(drop.point(), "connection dropped" + origin);
            case Fault.Delay delay -> new Injection.Proceed(delay.delay(), Optional.empty(), Optional.empty());
            case Fault.MalformedAnswer malformed -> new Injection.Proceed(Duration.ZERO, Optional.of(malformed.malformation()),
                    Optional.empty());
            case Fault.AssignmentFailed failed -> decided(new OutcomeOverride.Fail(failed.errorCode(), failed.errorMessage()));
            case Fault.KeepAssigning keep -> decided(new OutcomeOverride.HoldAssigning(keep.polls()));
            case Fault.SlowHandshake slow -> Injection.Proceed.UNTOUCHED;
            case Fault.ConnectRefused refused -> Injection.Proceed.UNTOUCHED;
        };
    }

    private static Injection decided(OutcomeOverride outcome) {
        return new Injection.Proceed(Duration.ZERO, Optional.empty(), Optional.of(outcome));
    }
}
