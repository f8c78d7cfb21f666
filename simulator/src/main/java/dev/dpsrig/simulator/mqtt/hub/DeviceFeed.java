package dev.dpsrig.simulator.mqtt.hub;

/**
 * What the hub publishes to one connected device of its own accord, on topics the device subscribes to: its
 * cloud-to-device messages ({@link CloudToDeviceFeed}); the twin's desired-property updates and direct-method calls
 * are fed the same way. Each feed lives as long as the device's connection.
 */
interface DeviceFeed {
    /** The device's subscription to {@code filter} was granted: a feed whose topics it matches starts, or goes on. */
    void subscribed(String filter);

    /** The connection ended: what the device did not acknowledge goes back to wait for its next connection. */
    void closed();
}
