package dev.dpsrig.simulator.dps;

import java.util.List;
import java.util.Optional;

/**
 * What individual enrollments and enrollment groups share: whether they are enabled, how a hub
 * is chosen, and what the device gets on the hub.
 *
 * @param allocationPolicy empty means the service-wide default (hashed)
 * @param iotHubs          host names of candidate hubs; empty means every linked hub
 */
public record EnrollmentPolicy(
        boolean enabled,
        Optional<AllocationPolicy> allocationPolicy,
        List<String> iotHubs,
        boolean iotEdge,
        Optional<RawJson> initialTwin,
        ReprovisionPolicy reprovisionPolicy,
        Optional<CustomAllocation> customAllocation) {

    public EnrollmentPolicy {
        iotHubs = List.copyOf(iotHubs);
    }

    public static EnrollmentPolicy defaults() {
        return new EnrollmentPolicy(true, Optional.empty(), List.of(), false, Optional.empty(),
                ReprovisionPolicy.DEFAULT, Optional.empty());
    }
}
