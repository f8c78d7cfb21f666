package dev.dpsrig.simulator.hub;

import java.util.List;
import java.util.Map;

/**
 * Where a hub keeps its devices' cloud-to-device queues, so that they outlive the process. In what
 * form they are written is the implementation's business. Reads happen once, when the hub is loaded;
 * every change to a queue is written through before the hub answers.
 */
public interface DeviceBoundStore {

    /** The queues of the hub of that name, by device id, each oldest message first. */
    Map<String, List<QueueEntry>> queues(String hubName);

    /** Stores a device's queue as it now is. */
    void put(String hubName, String deviceId, List<QueueEntry> queue);

    /** Forgets a device's queue, which is empty. */
    void delete(String hubName, String deviceId);

    /** Keeps nothing: for tests and {@code --in-memory}. */
    static DeviceBoundStore none() {
        return new DeviceBoundStore() {
            @Override
            public Map<String, List<QueueEntry>> queues(String hubName) {
                return Map.of();
            }

            @Override
            public void put(String hubName, String deviceId, List<QueueEntry> queue) {
            }

            @Override
            public void delete(String hubName, String deviceId) {
            }
        };
    }
}
