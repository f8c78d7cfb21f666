package dev.dpsrig.simulator.mqtt;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import java.util.Arrays;

/** Why a CONNECT is refused, as the MQTT 3.1.1 CONNACK return code tells the client. */
public enum ConnectRefusal {
    UNACCEPTABLE_PROTOCOL_VERSION(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION),
    IDENTIFIER_REJECTED(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED),
    SERVER_UNAVAILABLE(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE),
    BAD_USERNAME_OR_PASSWORD(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD),
    NOT_AUTHORIZED(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);

    private final MqttConnectReturnCode code;

    ConnectRefusal(MqttConnectReturnCode code) {
        this.code = code;
    }

    MqttConnectReturnCode returnCode() {
        return code;
    }

    /** The return code as the CONNACK carries it (1 to 5). */
    public int code() {
        return code.byteValue();
    }

    /** The refusal a CONNACK return code (1 to 5) stands for. */
    public static ConnectRefusal of(int code) {
        return Arrays.stream(values()).filter(refusal -> refusal.code() == code).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no CONNACK refusal has return code " + code));
    }
}
