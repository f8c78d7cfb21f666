package dev.dpsrig.simulator.dps;

import dev.dpsrig.protocol.DpsErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Picks the hub for a device by its enrollment's allocation policy. */
final class Allocator {

    /** What allocation decided. */
    sealed interface Decision {
        record Assigned(Hub hub, Optional<RawJson> payload, Optional<RawJson> initialTwin) implements Decision {
        }

        record Failed(int errorCode, String message) implements Decision {
        }
    }

    private final List<Hub> hubs;
    private final AllocationWebhook webhook;

    Allocator(List<Hub> hubs, AllocationWebhook webhook) {
        this.hubs = List.copyOf(hubs);
        this.webhook = webhook;
    }

    Decision allocate(EnrollmentMatch match, Optional<Registration> previous, Optional<RawJson> devicePayload) {
        EnrollmentPolicy policy = match.enrollment().policy();
        List<Hub> candidates;
        if (policy.iotHubs().isEmpty()) {
            candidates = hubs;
        } else {
            candidates = hubs.stream().filter(hub -> policy.iotHubs().stream().anyMatch(name ->
                    name.equalsIgnoreCase(hub.hostName()) || name.equalsIgnoreCase(hub.name()))).toList();
            if (candidates.isEmpty()) {
                return new Decision.Failed(DpsErrorCode.NO_HUB.code(),
                        "none of the enrollment's iotHubs " + policy.iotHubs() + " is linked to this DPS");
            }
        }
        if (candidates.isEmpty()) {
            return new Decision.Failed(DpsErrorCode.NO_HUB.code(), "no IoT hub is linked to this DPS");
        }
        AllocationPolicy chosen = policy.allocationPolicy().orElse(AllocationPolicy.HASHED);
        return switch (chosen) {
            case HASHED -> assigned(hashed(match.registrationId(), candidates), policy);
            case STATIC -> assigned(candidates.getFirst(), policy);
            case GEO_LATENCY -> {
                long best = candidates.stream().mapToLong(hub -> hub.latency().toNanos()).min().orElseThrow();
                yield assigned(hashed(match.registrationId(),
                        candidates.stream().filter(hub -> hub.latency().toNanos() == best).toList()), policy);
            }
            case CUSTOM -> custom(match, candidates, previous, devicePayload);
        };
    }

    private static Decision assigned(Hub hub, EnrollmentPolicy policy) {
        return new Decision.Assigned(hub, Optional.empty(), policy.initialTwin());
    }

    /** Weighted rendezvous by a stable digest of the lower-cased registration id. */
    private static Hub hashed(String registrationId, List<Hub> candidates) {
        List<Hub> weighted = candidates.stream().filter(hub -> hub.weight() > 0).toList();
        List<Hub> pool = weighted.isEmpty() ? candidates : weighted;
        long total = pool.stream().mapToLong(hub -> Math.max(hub.weight(), 1)).sum();
        long point = Long.remainderUnsigned(digest(registrationId.toLowerCase(Locale.ROOT)), total);
        for (Hub hub : pool.stream().sorted(Comparator.comparing(Hub::name)).toList()) {
            point -= Math.max(hub.weight(), 1);
            if (point < 0) {
                return hub;
            }
        }
        return pool.getLast();
    }

    private static long digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (hash[i] & 0xFF);
            }
            return value;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Decision custom(EnrollmentMatch match, List<Hub> candidates, Optional<Registration> previous,
                            Optional<RawJson> devicePayload) {
        CustomAllocation definition = match.enrollment().policy().customAllocation().orElseThrow();
        AllocationWebhook.Request request = new AllocationWebhook.Request(match.enrollment(), match.registrationId(),
                previous.flatMap(Registration::assignedHub),
                previous.filter(r -> r.assignedHub().isPresent()).map(Registration::deviceId),
                match.certificate(), devicePayload, candidates.stream().map(Hub::hostName).toList());
        AllocationWebhook.Answer answer;
        try {
            answer = webhook.call(definition, request);
        } catch (RuntimeException e) {
            return new Decision.Failed(DpsErrorCode.CUSTOM_ALLOCATION_FAILED.code(),
                    "Custom allocation failed: " + definition.webhookUrl() + " could not be called (" + e.getMessage() + ")");
        }
        if (answer.status() < 200 || answer.status() > 299) {
            return new Decision.Failed(DpsErrorCode.CUSTOM_ALLOCATION_FAILED.code(),
                    "Custom allocation failed with status code: " + answer.status());
        }
        Optional<String> chosen = answer.choice().iotHubHostName();
        Optional<Hub> hub = chosen.flatMap(name -> candidates.stream()
                .filter(h -> h.hostName().equalsIgnoreCase(name) || h.name().equalsIgnoreCase(name)).findFirst());
        if (hub.isEmpty()) {
            return new Decision.Failed(DpsErrorCode.NO_HUB.code(), "Custom allocation returned iotHubHostName "
                    + chosen.map(n -> "'" + n + "'").orElse("(none)") + ", which is not one of the linked hubs");
        }
        Optional<RawJson> payload = answer.choice().payload();
        return new Decision.Assigned(hub.get(), payload,
                answer.choice().initialTwin().or(() -> match.enrollment().policy().initialTwin()));
    }
}
