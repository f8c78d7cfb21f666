package dev.dpsrig.protocol;

/** Why an assigned device is where it is, after a first registration or a re-registration. */
public enum Substatus {
    INITIAL_ASSIGNMENT("initialAssignment"),
    DEVICE_DATA_MIGRATED("deviceDataMigrated"),
    DEVICE_DATA_RESET("deviceDataReset"),
    REPROVISIONED_TO_INITIAL_ASSIGNMENT("reprovisionedToInitialAssignment");

    private final String wireName;

    Substatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Substatus fromWire(String name) {
        for (Substatus substatus : values()) {
            if (substatus.wireName.equals(name)) {
                return substatus;
            }
        }
        throw new IllegalArgumentException("unknown substatus '" + name + "'");
    }
}
