package dev.dpsrig.simulator.hub;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is told when a message of a device's cloud-to-device queue may have become visible (queued, abandoned, its lock
 * released): a device connected by a protocol over which the hub pushes its messages rather than waiting to be asked.
 */
final class DeviceBoundWatchers {
    private final Map<String, Set<Runnable>> watchers = new ConcurrentHashMap<>();

    /** Tells {@code visible} of every change to the device's queue from now on; the answer stops it. */
    Runnable watch(String deviceId, Runnable visible) {
        watchers.computeIfAbsent(deviceId, id -> ConcurrentHashMap.newKeySet()).add(visible);
        return () -> watchers.computeIfPresent(deviceId, (id, mine) -> mine.remove(visible) && mine.isEmpty() ? null : mine);
    }

    void visible(String deviceId) {
        watchers.getOrDefault(deviceId, Set.of()).forEach(Runnable::run);
    }
}
