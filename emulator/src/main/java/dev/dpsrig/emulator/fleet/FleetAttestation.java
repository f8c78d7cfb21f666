package dev.dpsrig.emulator.fleet;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The four ways a fleet's devices can attest, with the names the command line and spec files use. */
public enum FleetAttestation {
    GROUP_SYMMETRIC_KEY("group-symmetric-key"),
    INDIVIDUAL_SYMMETRIC_KEY("individual-symmetric-key"),
    X509_GROUP("x509-group"),
    X509_INDIVIDUAL("x509-individual");

    private final String cliName;

    FleetAttestation(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public boolean isX509() {
        return this == X509_GROUP || this == X509_INDIVIDUAL;
    }

    public static FleetAttestation fromCliName(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.cliName.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown attestation '" + name + "'; one of "
                        + Arrays.stream(values()).map(FleetAttestation::cliName).collect(Collectors.joining(", "))));
    }
}
