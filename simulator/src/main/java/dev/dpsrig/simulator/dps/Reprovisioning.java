package dev.dpsrig.simulator.dps;

import dev.dpsrig.protocol.RegistrationStatus;
import dev.dpsrig.protocol.Substatus;
import java.util.Optional;

/**
 * Where a device that allocation found a hub for ends up, and the substatus that tells it why. A device
 * not assigned before gets the allocated hub as its initial assignment. One already assigned stays
 * where it is, substatus unchanged, when allocation picked its hub again or the enrollment's reprovision
 * policy does not update hub assignments; otherwise it moves: back to the hub of its first assignment
 * ({@code reprovisionedToInitialAssignment}), or on with its device data migrated or reset, as the policy says.
 *
 * <p>A hub from an earlier run may no longer be linked (ports are picked anew, hubs renamed): a device
 * assigned there is placed as if it had never been assigned, rather than sent to an address nothing
 * listens on, and such a first hub is forgotten.
 */
final class Reprovisioning {

    /**
     * @param hub              the host name of the hub the device is assigned to
     * @param firstAssignedHub the host name of the hub of its first assignment, to recognise a return to it
     */
    record Placement(String hub, Substatus substatus, String firstAssignedHub) {
    }

    private final LinkedHubs hubs;

    Reprovisioning(LinkedHubs hubs) {
        this.hubs = hubs;
    }

    Placement place(Optional<Registration> previous, Hub allocated, ReprovisionPolicy policy) {
        String firstHub = previous.flatMap(Registration::firstAssignedHub).filter(hubs::isLinked).orElse(allocated.hostName());
        Optional<String> current = previous.filter(r -> r.status() == RegistrationStatus.ASSIGNED)
                .flatMap(Registration::assignedHub).filter(hubs::isLinked);
        String hub = allocated.hostName();
        if (current.isEmpty()) {
            return new Placement(hub, Substatus.INITIAL_ASSIGNMENT, firstHub);
        }
        if (!policy.updateHubAssignment() || current.get().equalsIgnoreCase(hub)) {
            return new Placement(current.get(), previous.flatMap(Registration::substatus).orElse(Substatus.INITIAL_ASSIGNMENT), firstHub);
        }
        if (previous.flatMap(Registration::firstAssignedHub).filter(hubs::isLinked).filter(hub::equalsIgnoreCase).isPresent()) {
            return new Placement(hub, Substatus.REPROVISIONED_TO_INITIAL_ASSIGNMENT, firstHub);
        }
        return new Placement(hub, policy.migrateDeviceData() ? Substatus.DEVICE_DATA_MIGRATED : Substatus.DEVICE_DATA_RESET, firstHub);
    }
}
