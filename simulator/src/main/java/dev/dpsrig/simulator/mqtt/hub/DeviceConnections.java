package dev.dpsrig.simulator.mqtt.hub;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The devices connected to one hub over MQTT, one connection each: a device that connects again drops its older
 * connection, as IoT Hub does ({@code 400027 ConnectionForcefullyClosedOnNewConnection}).
 */
final class DeviceConnections {
    private final Map<String, HubMqttSession> open = new ConcurrentHashMap<>();

    void opened(HubMqttSession session) {
        HubMqttSession older = open.put(session.deviceId(), session);
        if (older != null) {
            older.replaced();
        }
    }

    /** Forgets {@code session} unless a newer connection of its device took its place. */
    void closed(HubMqttSession session) {
        open.remove(session.deviceId(), session);
    }
}
