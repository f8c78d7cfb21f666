package dev.dpsrig.simulator.hub;

import java.time.Duration;

/**
 * How a hub treats cloud-to-device messages. The defaults are IoT Hub's: a one-minute lock, ten
 * deliveries, fifty queued per device, one hour to live (two days at most).
 */
public record CloudToDeviceSettings(Duration lockTimeout, int maxDeliveryCount, int maxQueueDepth,
                                    Duration defaultTimeToLive, Duration maxTimeToLive) {

    public static final CloudToDeviceSettings AZURE_DEFAULTS =
            new CloudToDeviceSettings(Duration.ofMinutes(1), 10, 50, Duration.ofHours(1), Duration.ofDays(2));

    public CloudToDeviceSettings {
        if (lockTimeout.isNegative() || lockTimeout.isZero()) {
            throw new IllegalArgumentException("the lock timeout must be positive, not " + lockTimeout);
        }
        if (maxDeliveryCount < 1 || maxDeliveryCount > 100) {
            throw new IllegalArgumentException("the maximum delivery count is 1..100, not " + maxDeliveryCount);
        }
        if (maxQueueDepth < 1) {
            throw new IllegalArgumentException("the queue depth must be positive, not " + maxQueueDepth);
        }
        if (defaultTimeToLive.compareTo(maxTimeToLive) > 0) {
            throw new IllegalArgumentException("the default time to live " + defaultTimeToLive + " exceeds the maximum " + maxTimeToLive);
        }
    }

    public CloudToDeviceSettings withLockTimeout(Duration timeout) {
        return new CloudToDeviceSettings(timeout, maxDeliveryCount, maxQueueDepth, defaultTimeToLive, maxTimeToLive);
    }
}
