package dev.dpsrig.simulator.dps;

import dev.dpsrig.protocol.RegistrationStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The statuses the service answered each registration id with, in the order it answered them: the
 * register answer and every operation lookup. A registration's stored state keeps only its latest
 * status; this is what a test holds a device's own account of the sequence against. In memory only,
 * repeated statuses kept once, the latest {@value #LIMIT} changes per registration.
 */
public final class StatusJournal {
    static final int LIMIT = 64;

    /** Each value is immutable and replaced whole, so readers never see one half-updated. */
    private final Map<String, List<RegistrationStatus>> served = new ConcurrentHashMap<>();

    void answered(String registrationId, RegistrationStatus status) {
        served.compute(key(registrationId), (id, statuses) -> {
            List<RegistrationStatus> list = statuses == null ? List.of() : statuses;
            if (!list.isEmpty() && list.getLast() == status) {
                return list;
            }
            List<RegistrationStatus> more = new ArrayList<>(list.size() < LIMIT ? list : list.subList(1, list.size()));
            more.add(status);
            return List.copyOf(more);
        });
    }

    /** The distinct statuses in the order served, e.g. {@code [assigning, assigned]}; empty if none was. */
    public List<RegistrationStatus> served(String registrationId) {
        return served.getOrDefault(key(registrationId), List.of());
    }

    void forget(String registrationId) {
        served.remove(key(registrationId));
    }

    /** DPS compares registration ids without regard to case. */
    private static String key(String registrationId) {
        return registrationId.toLowerCase(Locale.ROOT);
    }
}
