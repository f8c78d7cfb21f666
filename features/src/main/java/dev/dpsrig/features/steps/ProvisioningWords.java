package dev.dpsrig.features.steps;

import dev.dpsrig.simulator.dps.AllocationPolicy;
import io.cucumber.java.ParameterType;

/** Allocation, enrollment and reprovisioning words as step parameters. */
public final class ProvisioningWords {

    @ParameterType("hashed|static|lowest latency|custom")
    public AllocationPolicy allocation(String name) {
        return switch (name) {
            case "lowest latency" -> AllocationPolicy.GEO_LATENCY;
            default -> AllocationPolicy.fromWire(name);
        };
    }

    @ParameterType(EnrollmentRoute.PATTERN)
    public EnrollmentRoute route(String words) {
        return EnrollmentRoute.of(words);
    }

    @ParameterType("true|false")
    public boolean flag(String value) {
        return Boolean.parseBoolean(value);
    }
}
