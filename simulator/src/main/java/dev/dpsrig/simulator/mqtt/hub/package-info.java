/**
 * A simulated IoT hub's device API over MQTT 3.1.1 (the "classic" topics): who may connect, and what a connected
 * device's telemetry and subscriptions mean, answered by the same hub calls as over HTTPS, and what the hub feeds
 * the device: its cloud-to-device messages.
 */
package dev.dpsrig.simulator.mqtt.hub;
