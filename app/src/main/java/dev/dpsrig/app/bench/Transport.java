package dev.dpsrig.app.bench;

/** How a benchmark's devices reach the simulator: HTTPS, or MQTT over TLS on the simulator's MQTT port. */
public enum Transport {
    https,
    mqtt
}
