package dev.dpsrig.simulator.fault;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a fault can strike: a device-facing call of DPS or a hub, an MQTT CONNECT to either, the service API, or a TLS handshake. */
public enum Endpoint {
    /** {@code PUT /{idScope}/registrations/{id}/register}. */
    REGISTER,
    /** {@code GET /{idScope}/registrations/{id}/operations/{operationId}}. */
    OPERATION_LOOKUP,
    /** {@code POST /{idScope}/registrations/{id}}. */
    STATUS_LOOKUP,
    /** {@code POST /devices/{id}/messages/events} on a hub; over MQTT, a PUBLISH to {@code devices/{id}/messages/events/}. */
    HUB_SEND,
    /** Receive, complete, reject or abandon under {@code /devices/{id}/messages/deviceBound} on a hub (HTTPS only). */
    HUB_C2D,
    /** A device's MQTT CONNECT to DPS, before any topic is published to (only {@code connect-refused} strikes it). */
    DPS_CONNECT,
    /** A device's MQTT CONNECT to a hub, before any topic is published to (only {@code connect-refused} strikes it). */
    HUB_CONNECT,
    /** The DPS service (enrollment) API. */
    SERVICE_API,
    /** The TLS handshake on the DPS port, before any request (and so before any device id) is known. */
    DPS_HANDSHAKE,
    /** The TLS handshake on a hub's port. */
    HUB_HANDSHAKE;

    /** As written in rules and on the command line: {@code operation-lookup}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether this is an MQTT CONNECT, which only {@code connect-refused} strikes. */
    public boolean isConnect() {
        return this == DPS_CONNECT || this == HUB_CONNECT;
    }

    public boolean isHandshake() {
        return this == DPS_HANDSHAKE || this == HUB_HANDSHAKE;
    }

    public static Endpoint parse(String text) {
        return Arrays.stream(values()).filter(e -> e.wireName().equalsIgnoreCase(text.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown endpoint '" + text + "'; one of "
                        + Arrays.stream(values()).map(Endpoint::wireName).collect(Collectors.joining(", "))));
    }
}
