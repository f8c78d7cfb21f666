package dev.dpsrig.hil.config;

import java.util.Arrays;
import java.util.Optional;

/** How a board proves its identity to DPS, by the name a profile uses. */
public enum AttestationKind {
    X509("x509"), SYMMETRIC_KEY("symmetric-key"), TPM("tpm");

    private final String wireName;

    AttestationKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    static Optional<AttestationKind> byWireName(String name) {
        return Arrays.stream(values()).filter(kind -> kind.wireName.equals(name)).findFirst();
    }
}
