package dev.dpsrig.protocol;

/** The {@code status} of a registration on the wire. */
public enum RegistrationStatus {
    UNASSIGNED("unassigned"),
    ASSIGNING("assigning"),
    ASSIGNED("assigned"),
    FAILED("failed"),
    DISABLED("disabled");

    private final String wireName;

    RegistrationStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether polling stops here: the operation lookup answers 200 with a registration state. */
    public boolean isTerminal() {
        return this == ASSIGNED || this == FAILED || this == DISABLED;
    }

    public static RegistrationStatus fromWire(String name) {
        for (RegistrationStatus status : values()) {
            if (status.wireName.equals(name)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown registration status '" + name + "'");
    }
}
