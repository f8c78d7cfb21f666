package dev.dpsrig.simulator.quota;

import dev.dpsrig.simulator.fault.Call;
import dev.dpsrig.simulator.fault.Endpoint;
import dev.dpsrig.simulator.fault.Refusal;
import dev.dpsrig.simulator.quota.QuotaProfile.Quota;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The quotas of one profile, enforced with token buckets: service-wide for DPS registrations and
 * operations, per device for polls, per hub for sends and C2D receives.
 */
public final class Quotas {
    private final QuotaProfile profile;
    private final Clock clock;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public Quotas(QuotaProfile profile, Clock clock) {
        this.profile = profile;
        this.clock = clock;
    }

    public QuotaProfile profile() {
        return profile;
    }

    /** What a throttled request is told. */
    public record Throttled(Quota quota, Rate rate, Duration retryAfter) {
        /** Whole seconds, at least 1: clients parse {@code Retry-After} as an integer. */
        public int retryAfterSeconds() {
            return (int) Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    /**
     * Admits a call or says which quota it exceeded.
     *
     * @param scope the device id for DPS calls, the hub name for hub calls
     */
    public Optional<Throttled> admit(Endpoint endpoint, String scope) {
        if (profile.rates().isEmpty()) {
            return Optional.empty();
        }
        return switch (endpoint) {
            case REGISTER -> take(Quota.OPERATIONS, "").or(() -> take(Quota.REGISTRATIONS, ""));
            case OPERATION_LOOKUP -> take(Quota.OPERATIONS, "").or(() -> take(Quota.POLLS, scope.toLowerCase(Locale.ROOT)));
            case STATUS_LOOKUP -> take(Quota.OPERATIONS, "");
            case HUB_SEND -> take(Quota.D2C, scope);
            case HUB_C2D -> take(Quota.C2D_RECEIVES, scope);
            default -> Optional.empty();
        };
    }

    /** Admits a call, or refuses it with what the client is told: which quota, at what rate, and when to retry. */
    public Optional<Refusal.Throttled> admit(Call call) {
        return admit(call.endpoint(), call.quotaScope()).map(limit -> new Refusal.Throttled(limit.retryAfterSeconds(),
                "quota exceeded: " + limit.quota().wireName() + " " + limit.rate() + " (profile " + profile.name() + "); retry after "
                        + limit.retryAfterSeconds() + " s"));
    }

    private Optional<Throttled> take(Quota quota, String key) {
        Optional<Rate> rate = profile.rate(quota);
        if (rate.isEmpty()) {
            return Optional.empty();
        }
        TokenBucket bucket = buckets.computeIfAbsent(quota.name() + "/" + key, k -> new TokenBucket(rate.get(), clock));
        return bucket.take().map(wait -> new Throttled(quota, rate.get(), wait));
    }
}
