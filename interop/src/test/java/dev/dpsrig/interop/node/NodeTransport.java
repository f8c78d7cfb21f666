package dev.dpsrig.interop.node;

import java.util.List;
import java.util.Set;

/**
 * A transport of the Node device SDKs, as device.js's {@code --transport} names it: {@code Http} of
 * {@code azure-iot-provisioning-device-http} and {@code azure-iot-device-http}, or {@code Mqtt} and
 * {@code MqttWs} of {@code azure-iot-provisioning-device-mqtt} and {@code azure-iot-device-mqtt}; with what the
 * simulator's request log and mqtt.js's debug output show of a device that used it.
 */
enum NodeTransport {
    HTTP("http", Set.of("PUT", "GET", "POST", "DELETE")),
    MQTT("mqtt", Set.of("CONNECT", "SUBSCRIBE", "PUBLISH")),
    MQTT_WS("mqtt-ws", Set.of("CONNECT", "SUBSCRIBE", "PUBLISH"));

    /** What mqtt.js says it dials when {@code DEBUG} names these namespaces. */
    static final String MQTT_DEBUG = "mqttjs:tls,mqttjs:ws";

    private final String argument;
    private final Set<String> loggedExchanges;

    NodeTransport(String argument, Set<String> loggedExchanges) {
        this.argument = argument;
        this.loggedExchanges = loggedExchanges;
    }

    /** device.js's {@code --transport} value. */
    String argument() {
        return argument;
    }

    /** A registration id of its own on each transport: {@code node-sk-individual-mqtt-ws}. */
    String registrationId(String base) {
        return base + "-" + argument;
    }

    /** The HTTP methods, or the MQTT packets, the simulator logs for a device on this transport, and no others. */
    Set<String> loggedExchanges() {
        return loggedExchanges;
    }

    /**
     * The request log's {@code METHOD-OR-PACKET TARGET} beginnings that show {@code id} registering, sending its event
     * and taking its cloud-to-device message on this transport.
     */
    List<String> deviceExchanges(String idScope, String id) {
        return switch (this) {
            case HTTP -> List.of("PUT /" + idScope + "/registrations/" + id + "/register?",
                    "POST /devices/" + id + "/messages/events?",
                    "DELETE /devices/" + id + "/messages/devicebound/");
            case MQTT, MQTT_WS -> List.of("SUBSCRIBE $dps/registrations/res/# granted",
                    "PUBLISH $dps/registrations/PUT/iotdps-register/?$rid=",
                    "PUBLISH devices/" + id + "/messages/events/source=node-sdk accepted",
                    "SUBSCRIBE devices/" + id + "/messages/devicebound/# granted");
        };
    }

    /** What mqtt.js prints (under {@link #MQTT_DEBUG}) as it dials DPS at {@code dpsHost} and the hub at {@code hubHost}. */
    List<String> dialled(String dpsHost, String hubHost) {
        return switch (this) {
            case HTTP -> List.of();
            case MQTT -> List.of("mqttjs:tls port 8883 host " + dpsHost + " ", "mqttjs:tls port 8883 host " + hubHost + " ");
            case MQTT_WS -> List.of("creating new Websocket for url: wss://" + dpsHost + ":443/$iothub/websocket and protocol: mqtt",
                    "creating new Websocket for url: wss://" + hubHost + ":443/$iothub/websocket and protocol: mqtt");
        };
    }

    /**
     * The name under which the SDK hands the device a cloud-to-device message's application property {@code name}:
     * azure-iot-http-base keeps the HTTP header's name, prefix and all (as it does with Azure); the MQTT transport
     * takes the name from the topic's property bag as it is.
     */
    String receivedPropertyName(String name) {
        return this == HTTP ? "iothub-app-" + name : name;
    }
}
