package dev.dpsrig.protocol.service;

import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonObject;
import java.util.Optional;

/** {@code TpmAttestation}: a TPM's endorsement and storage root keys, base64. */
public record TpmAttestation(Optional<String> endorsementKey, Optional<String> storageRootKey) implements AttestationMechanism {
    @Override
    public String type() {
        return "tpm";
    }

    @Override
    public JsonObject body() {
        var out = Jsonp.createObjectBuilder();
        endorsementKey.ifPresent(key -> out.add("endorsementKey", key));
        storageRootKey.ifPresent(key -> out.add("storageRootKey", key));
        return out.build();
    }

    static TpmAttestation fromJson(JsonObject json) {
        return new TpmAttestation(RequestFields.string(json, "endorsementKey"), RequestFields.string(json, "storageRootKey"));
    }
}
