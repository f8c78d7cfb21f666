/**
 * MQTT 3.1.1 as Azure's device endpoints speak it, free of any web server: the packets (Netty's codec,
 * driven without a Netty server), one connection's conversation ({@link dev.dpsrig.simulator.mqtt.MqttConnection}:
 * CONNECT first, keep-alive at 1.5 times the client's, subscriptions granted at most QoS 1, packet ids, never a
 * persistent session), and the port a product implements to take part ({@link dev.dpsrig.simulator.mqtt.MqttFrontDoor}).
 * The web server hands a connection's bytes in through {@link dev.dpsrig.simulator.mqtt.MqttLink}; what DPS does with
 * the topics lives in {@code mqtt.dps}.
 */
package dev.dpsrig.simulator.mqtt;
