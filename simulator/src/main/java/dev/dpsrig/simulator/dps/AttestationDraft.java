package dev.dpsrig.simulator.dps;

import dev.dpsrig.protocol.SymmetricKeys;
import java.util.Optional;

/**
 * An attestation as a service API caller writes it: complete, or a symmetric key pair of which either
 * key may be left out. DPS generates a key left out when it stores the enrollment or group.
 */
public sealed interface AttestationDraft permits Attestation, AttestationDraft.SymmetricKey {

    /** The attestation the service keeps. */
    Attestation complete();

    /** Symmetric keys as given; each must already be a valid key. */
    record SymmetricKey(Optional<String> primaryKey, Optional<String> secondaryKey) implements AttestationDraft {
        @Override
        public Attestation.SymmetricKey complete() {
            String primary = primaryKey.orElseGet(SymmetricKeys::generate);
            return new Attestation.SymmetricKey(primary, secondaryKey.orElseGet(SymmetricKeys::generate));
        }
    }
}
