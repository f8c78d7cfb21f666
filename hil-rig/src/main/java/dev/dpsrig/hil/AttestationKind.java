package dev.dpsrig.hil;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a board proves its identity to DPS. A board profile spells it in YAML's style, the tethered
 * protocol as DPS names attestation types.
 */
public enum AttestationKind {
    X509("x509", "x509"), SYMMETRIC_KEY("symmetric-key", "symmetricKey"), TPM("tpm", "tpm");

    private final String profileName;
    private final String dpsName;

    AttestationKind(String profileName, String dpsName) {
        this.profileName = profileName;
        this.dpsName = dpsName;
    }

    /** As a board profile writes it: {@code symmetric-key}. */
    public String profileName() {
        return profileName;
    }

    /** As DPS and the tethered protocol write it: {@code symmetricKey}. */
    public String dpsName() {
        return dpsName;
    }

    public static Optional<AttestationKind> byProfileName(String name) {
        return Arrays.stream(values()).filter(kind -> kind.profileName.equals(name)).findFirst();
    }

    public static Optional<AttestationKind> byDpsName(String name) {
        return Arrays.stream(values()).filter(kind -> kind.dpsName.equals(name)).findFirst();
    }
}
