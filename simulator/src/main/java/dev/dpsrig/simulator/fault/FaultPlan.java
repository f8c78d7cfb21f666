package dev.dpsrig.simulator.fault;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fault rules in force and the record of every fault served. Rules are tried in the order they
 * were added; the first that strikes decides, and every rule that matches a call counts it, so "the
 * nth call" means the device's nth call on that endpoint whatever other rules did. Thread-safe.
 */
public final class FaultPlan {
    /** Records kept; the oldest go first. */
    static final int RECORDS_KEPT = 100_000;

    private final Clock clock;
    private final List<ArmedRule> rules = new CopyOnWriteArrayList<>();
    private final Deque<FaultRecord> records = new ArrayDeque<>();
    private final AtomicLong recordSequence = new AtomicLong();
    private final AtomicLong ruleNumbers = new AtomicLong();

    public FaultPlan(Clock clock) {
        this.clock = clock;
    }

    /** An id no armed rule has: {@code rule-1}, {@code rule-2}, ... */
    public String nextRuleId() {
        while (true) {
            String id = "rule-" + ruleNumbers.incrementAndGet();
            if (rules.stream().noneMatch(armed -> armed.rule.id().equals(id))) {
                return id;
            }
        }
    }

    /** Arms a rule: its call counts and time window start now. */
    public synchronized void add(FaultRule rule) {
        if (rules.stream().anyMatch(armed -> armed.rule.id().equals(rule.id()))) {
            throw new IllegalArgumentException("a rule with id '" + rule.id() + "' is already armed; clear it first or choose another id");
        }
        rules.add(new ArmedRule(rule, clock.instant()));
    }

    public synchronized void addAll(List<FaultRule> plan) {
        for (FaultRule rule : plan) {
            if (rules.stream().anyMatch(armed -> armed.rule.id().equals(rule.id()))
                    || plan.stream().filter(other -> other.id().equals(rule.id())).count() > 1) {
                throw new IllegalArgumentException("rule id '" + rule.id() + "' is used twice");
            }
        }
        Instant now = clock.instant();
        plan.forEach(rule -> rules.add(new ArmedRule(rule, now)));
    }

    /** Disarms one rule; false when no rule has that id. */
    public synchronized boolean remove(String id) {
        return rules.removeIf(armed -> armed.rule.id().equals(id));
    }

    /** Disarms every rule; the record of faults served stays. */
    public synchronized void clear() {
        rules.clear();
    }

    public List<FaultRule> rules() {
        return rules.stream().map(armed -> armed.rule).toList();
    }

    /** How many faults each rule has served so far. */
    public Map<String, Long> servedCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        rules.forEach(armed -> counts.put(armed.rule.id(), armed.served.get()));
        return counts;
    }

    public List<FaultRecord> records() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    public void clearRecords() {
        synchronized (records) {
            records.clear();
        }
    }

    /** Counts a call and answers the fault to serve for it, recorded, if a rule strikes. */
    public Optional<Fault> strike(Call call) {
        return strike(call.endpoint(), Optional.of(call.transport()), call.deviceId());
    }

    /**
     * Counts a call whose transport is not told (a handshake, shared by every listener of its endpoint) and answers
     * the fault to serve for it, recorded, if a rule for every transport strikes.
     *
     * @param deviceId the registration or device id the call is for; empty for a handshake
     */
    public Optional<Fault> strike(Endpoint endpoint, String deviceId) {
        return strike(endpoint, Optional.empty(), deviceId);
    }

    private Optional<Fault> strike(Endpoint endpoint, Optional<Transport> transport, String deviceId) {
        if (rules.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<Fault> struck = Optional.empty();
        for (ArmedRule armed : rules) {
            FaultRule rule = armed.rule;
            if (rule.endpoint() != endpoint || !rule.devices().matches(deviceId)
                    || rule.transport().isPresent() && !rule.transport().equals(transport)) {
                continue;
            }
            long call = armed.calls.computeIfAbsent(deviceId.toLowerCase(Locale.ROOT), id -> new AtomicLong()).incrementAndGet();
            if (struck.isEmpty() && triggers(armed, deviceId, call, now) && armed.takeOne()) {
                struck = Optional.of(rule.fault());
                record(new FaultRecord(recordSequence.incrementAndGet(), rule.id(), endpoint, deviceId, call, now, rule.fault()));
            }
        }
        return struck;
    }

    private static boolean triggers(ArmedRule armed, String deviceId, long call, Instant now) {
        return switch (armed.rule.when()) {
            case Trigger.Always always -> true;
            case Trigger.Calls calls -> call >= calls.from() && call <= calls.to();
            case Trigger.Probability probability ->
                    uniform(probability.seed(), armed.rule.id(), deviceId.toLowerCase(Locale.ROOT), call) < probability.probability();
            case Trigger.Window window -> {
                Duration since = Duration.between(armed.armedAt, now);
                yield since.compareTo(window.from()) >= 0 && since.compareTo(window.to()) < 0;
            }
        };
    }

    /** A number in [0, 1) that depends only on its inputs (SplitMix64 finalizer over them). */
    static double uniform(long seed, String ruleId, String deviceId, long call) {
        long h = mix(seed);
        h = mix(h ^ ruleId.hashCode());
        h = mix(h ^ deviceId.hashCode());
        h = mix(h ^ call);
        return (h >>> 11) * 0x1.0p-53;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private void record(FaultRecord record) {
        synchronized (records) {
            records.addLast(record);
            while (records.size() > RECORDS_KEPT) {
                records.removeFirst();
            }
        }
    }

    private static final class ArmedRule {
        final FaultRule rule;
        final Instant armedAt;
        final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
        final AtomicLong served = new AtomicLong();

        ArmedRule(FaultRule rule, Instant armedAt) {
            this.rule = rule;
            this.armedAt = armedAt;
        }

        /** Counts one fault served, unless the rule is spent. */
        boolean takeOne() {
            if (rule.times().isEmpty()) {
                served.incrementAndGet();
                return true;
            }
            long limit = rule.times().getAsLong();
            while (true) {
                long now = served.get();
                if (now >= limit) {
                    return false;
                }
                if (served.compareAndSet(now, now + 1)) {
                    return true;
                }
            }
        }
    }
}
