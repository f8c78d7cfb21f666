package dev.dpsrig.hil.config;

import dev.dpsrig.hil.AttestationKind;
import java.nio.file.Path;
import java.util.Map;

/**
 * Who a board registers as. The credential files (certificate, key, chain...) are only carried here,
 * resolved against the profile's folder; whatever registers the board reads them.
 */
public record Identity(String registrationId, AttestationKind attestation, Map<String, Path> credentials) {
    public Identity {
        credentials = Map.copyOf(credentials);
    }
}
