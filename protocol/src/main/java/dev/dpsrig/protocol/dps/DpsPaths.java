package dev.dpsrig.protocol.dps;

import dev.dpsrig.protocol.PathTemplate;

/**
 * The paths of the DPS device API, one definition for the simulator's routes, its fault rules'
 * matching and the emulator's requests.
 */
public final class DpsPaths {
    /** {@code PUT}: register; answered 202 with an operation to poll. */
    public static final PathTemplate REGISTER = PathTemplate.of("/{idScope}/registrations/{registrationId}/register");
    /** {@code GET}: the operation's status. */
    public static final PathTemplate OPERATION_LOOKUP = PathTemplate.of("/{idScope}/registrations/{registrationId}/operations/{operationId}");
    /** {@code POST}: the device's registration state. */
    public static final PathTemplate STATUS_LOOKUP = PathTemplate.of("/{idScope}/registrations/{registrationId}");

    private DpsPaths() {
    }

    /** The resource a device's SAS token is signed for: {@code {idScope}/registrations/{registrationId}}, not encoded. */
    public static String tokenResource(String idScope, String registrationId) {
        return idScope + "/registrations/" + registrationId;
    }
}
