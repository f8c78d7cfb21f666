package dev.dpsrig.simulator.mqtt;

/**
 * One product served over MQTT (the DPS device API; an IoT hub's device API alike): it decides who may connect and
 * what a connected client's topics mean. The transport ({@link MqttConnection}) does the rest of MQTT.
 */
public interface MqttFrontDoor {
    Admission admit(MqttConnect connect);
}
