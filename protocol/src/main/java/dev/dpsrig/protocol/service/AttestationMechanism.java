package dev.dpsrig.protocol.service;

import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.WireFormatException;
import jakarta.json.JsonObject;

/**
 * {@code AttestationMechanism}: how an enrollment or group proves its devices, written as
 * {@code {"type": t, t: {...}}}. The answer of an {@code attestationmechanism} request, and the
 * {@code attestation} of every enrollment and group.
 */
public sealed interface AttestationMechanism permits SymmetricKeyAttestation, X509Attestation, TpmAttestation {

    /** The wire name in {@code type}, which is also the member holding the mechanism. */
    String type();

    /** The mechanism's own member, without the type. */
    JsonObject body();

    default JsonObject toJson() {
        return Jsonp.createObjectBuilder().add("type", type()).add(type(), body()).build();
    }

    /** @throws WireFormatException without a type, with one this contract does not know, or with a malformed member */
    static AttestationMechanism fromJson(JsonObject json) {
        String type = RequestFields.string(json, "type")
                .orElseThrow(() -> new WireFormatException("'attestation.type' is required"));
        return switch (type) {
            case "symmetricKey" -> SymmetricKeyAttestation.fromJson(
                    RequestFields.object(json, "symmetricKey").orElse(JsonObject.EMPTY_JSON_OBJECT));
            case "x509" -> X509Attestation.fromJson(RequestFields.object(json, "x509")
                    .orElseThrow(() -> new WireFormatException("'attestation.x509' is required for type x509")));
            case "tpm" -> TpmAttestation.fromJson(RequestFields.object(json, "tpm").orElse(JsonObject.EMPTY_JSON_OBJECT));
            default -> throw new WireFormatException("attestation type '" + type + "' is not one of symmetricKey, x509");
        };
    }
}
