package dev.dpsrig.simulator.fault;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One line of a fault plan: on which endpoint, for which devices, when, how many times, and what.
 *
 * @param times     how many faults the rule serves in all before it is spent; empty for no limit
 * @param transport the only protocol whose calls it strikes; empty for HTTPS and MQTT alike
 */
public record FaultRule(String id, Endpoint endpoint, DeviceMatcher devices, Trigger when, OptionalLong times, Fault fault,
                        Optional<Transport> transport) {

    /** A rule that strikes calls over any transport. */
    public FaultRule(String id, Endpoint endpoint, DeviceMatcher devices, Trigger when, OptionalLong times, Fault fault) {
        this(id, endpoint, devices, when, times, fault, Optional.empty());
    }

    public FaultRule {
        if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("rule id '" + id + "' may hold 1-64 letters, digits and - . _");
        }
        if (times.isPresent() && times.getAsLong() < 1) {
            throw new IllegalArgumentException("times must be at least 1, not " + times.getAsLong());
        }
        boolean handshakeFault = fault instanceof Fault.SlowHandshake;
        if (handshakeFault != endpoint.isHandshake()) {
            throw new IllegalArgumentException(handshakeFault
                    ? "slow-handshake applies to the endpoints dps-handshake and hub-handshake, not " + endpoint.wireName()
                    : "on " + endpoint.wireName() + " only slow-handshake can strike (no request has been read yet)");
        }
        if (endpoint.isHandshake() && transport.isPresent()) {
            throw new IllegalArgumentException("a handshake rule strikes the handshakes of every listener of its endpoint: leave out transport");
        }
        if ((fault instanceof Fault.ConnectRefused) != endpoint.isConnect()) {
            throw new IllegalArgumentException(fault instanceof Fault.ConnectRefused
                    ? "connect-refused answers an MQTT CONNECT: its endpoint is dps-connect or hub-connect, not " + endpoint.wireName()
                    : "on " + endpoint.wireName() + " only connect-refused can strike (no topic has been published to yet)");
        }
        if (endpoint.isConnect() && transport.filter(Transport.HTTPS::equals).isPresent()) {
            throw new IllegalArgumentException(endpoint.wireName() + " is an MQTT CONNECT: its transport is mqtt, not https");
        }
        if (endpoint == Endpoint.HUB_C2D && transport.filter(Transport.MQTT::equals).isPresent()) {
            throw new IllegalArgumentException("hub-c2d strikes the HTTPS receive and settle calls; over MQTT the hub pushes"
                    + " cloud-to-device messages and no call arrives to strike: its transport is https");
        }
        if (endpoint.isHandshake() && !devices.matchesEveryDevice()) {
            throw new IllegalArgumentException("a handshake happens before any device is known: the device pattern must be *");
        }
        if ((fault instanceof Fault.AssignmentFailed || fault instanceof Fault.KeepAssigning) && endpoint != Endpoint.REGISTER) {
            throw new IllegalArgumentException(fault.kind() + " decides how a registration ends: its endpoint is register, not "
                    + endpoint.wireName());
        }
        if (fault instanceof Fault.MalformedAnswer malformed) {
            boolean pollingAnswer = endpoint == Endpoint.REGISTER || endpoint == Endpoint.OPERATION_LOOKUP;
            boolean allowed = malformed.malformation() == Fault.Malformation.TRUNCATED_JSON
                    ? pollingAnswer || endpoint == Endpoint.STATUS_LOOKUP : pollingAnswer;
            if (!allowed) {
                throw new IllegalArgumentException(malformed.malformation().name().toLowerCase(Locale.ROOT).replace('_', '-')
                        + " damages a DPS " + (malformed.malformation() == Fault.Malformation.TRUNCATED_JSON
                        ? "register, operation-lookup or status-lookup" : "register or operation-lookup")
                        + " answer, not " + endpoint.wireName());
            }
        }
    }
}
