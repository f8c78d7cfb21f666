package dev.dpsrig.simulator.fault;

/**
 * A call arriving at one of the simulator's front doors, as fault rules and quotas see it, whatever
 * the transport that carries it.
 *
 * @param transport  the protocol it came by (a rule that names a transport strikes only calls by it)
 * @param deviceId   the registration or device id it is for (fault rules match it)
 * @param quotaScope what its quota is counted against: the device for a DPS call, the hub's name for a hub call
 * @param metered    whether it counts against a quota at all (of a hub's cloud-to-device calls, only a receive does)
 */
public record Call(Transport transport, Endpoint endpoint, String deviceId, String quotaScope, boolean metered) {

    /** A call to DPS, counted against its device's quotas. */
    public static Call toDps(Transport transport, Endpoint endpoint, String deviceId) {
        return new Call(transport, endpoint, deviceId, deviceId, true);
    }

    /** A call to the hub of this name, counted against the hub's quotas when it is metered. */
    public static Call toHub(Transport transport, String hubName, Endpoint endpoint, String deviceId, boolean metered) {
        return new Call(transport, endpoint, deviceId, hubName, metered);
    }
}
