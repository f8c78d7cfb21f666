package dev.dpsrig.features.board;

import dev.dpsrig.hil.RigException;
import dev.dpsrig.hil.virtual.Firmware;
import dev.dpsrig.simulator.device.DeviceAttestation;

/**
 * Where a virtual board in tethered mode gets its firmware: the board side of the key-holder protocol,
 * which holds the identity and answers the rig's requests while the rig's host talks to DPS. This is the
 * one place that builds it, for {@code dpsrig board emulate --mode tethered} and the step library alike.
 */
public final class TetheredMode {
    private TetheredMode() {
    }

    /**
     * The key-holder firmware for {@code identity}.
     *
     * @throws RigException while this build has no key-holder firmware
     */
    public static Firmware firmware(DeviceAttestation identity) {
        throw new RigException("tethered mode is not available: this build has no key-holder firmware for "
                + identity.registrationId() + "; use --mode console");
    }
}
