package dev.dpsrig.emulator.device.mqtt;

import java.io.IOException;

/**
 * The server refused the CONNECT: the CONNACK's return code (1 to 5), what MQTT 3.1.1 says it means, and the HTTP status
 * the same refusal gets over HTTPS, so that the device's retry rules treat it alike (a server that is unavailable is
 * retried; bad credentials are not).
 */
public final class ConnackRefusal extends IOException {
    private final int returnCode;

    ConnackRefusal(int returnCode) {
        super("the server refused the MQTT connection: CONNACK " + returnCode + " (" + meaning(returnCode) + ")");
        this.returnCode = returnCode;
    }

    /** The CONNACK's return code, 1 to 5 as MQTT 3.1.1 defines them. */
    public int returnCode() {
        return returnCode;
    }

    /** 503 for "server unavailable", 401 for bad or refused credentials, 400 for the rest. */
    public int httpStatus() {
        return switch (returnCode) {
            case 3 -> 503;
            case 4, 5 -> 401;
            default -> 400;
        };
    }

    /** The return code's meaning in MQTT 3.1.1's words. */
    static String meaning(int returnCode) {
        return switch (returnCode) {
            case 1 -> "unacceptable protocol version";
            case 2 -> "identifier rejected";
            case 3 -> "server unavailable";
            case 4 -> "bad user name or password";
            case 5 -> "not authorized";
            default -> "a return code MQTT 3.1.1 does not define";
        };
    }
}
