package dev.dpsrig.simulator.dps;

/** How DPS picks a hub among an enrollment's candidates. */
public enum AllocationPolicy {
    /** Evenly weighted: a stable hash of the registration id over the hubs, honouring their weights. */
    HASHED("hashed"),
    /** Lowest latency from the simulator's latency table; ties are hashed. */
    GEO_LATENCY("geoLatency"),
    /** The first hub the enrollment lists. */
    STATIC("static"),
    /** A webhook chooses. */
    CUSTOM("custom");

    private final String wireName;

    AllocationPolicy(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static AllocationPolicy fromWire(String name) {
        for (AllocationPolicy policy : values()) {
            if (policy.wireName.equalsIgnoreCase(name)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("allocationPolicy '" + name + "' is not one of hashed, geoLatency, static, custom");
    }
}
