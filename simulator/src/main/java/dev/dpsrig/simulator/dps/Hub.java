package dev.dpsrig.simulator.dps;

import java.time.Duration;

/**
 * A simulated IoT hub linked to the DPS.
 *
 * @param hostName what devices are told in {@code assignedHub}: {@code host:port} for a local hub
 * @param weight   its share under hashed allocation
 * @param latency  its distance under lowest-latency allocation
 */
public record Hub(String name, String hostName, int weight, Duration latency) {
    public Hub {
        if (weight < 0) {
            throw new IllegalArgumentException("hub weight must be >= 0: " + weight);
        }
    }
}
