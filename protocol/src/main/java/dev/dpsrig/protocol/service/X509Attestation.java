package dev.dpsrig.protocol.service;

import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonObject;
import java.util.Optional;

/**
 * {@code X509Attestation}: an individual enrollment holds its device's {@code clientCertificates}; a
 * group holds its CA's {@code signingCertificates}, or names CA certificates uploaded to the service
 * in {@code caReferences}.
 */
public record X509Attestation(
        Optional<X509Certificates> clientCertificates,
        Optional<X509Certificates> signingCertificates,
        Optional<X509CaReferences> caReferences) implements AttestationMechanism {

    public static X509Attestation clientCertificates(X509Certificates certificates) {
        return new X509Attestation(Optional.of(certificates), Optional.empty(), Optional.empty());
    }

    public static X509Attestation signingCertificates(X509Certificates certificates) {
        return new X509Attestation(Optional.empty(), Optional.of(certificates), Optional.empty());
    }

    public static X509Attestation caReferences(X509CaReferences references) {
        return new X509Attestation(Optional.empty(), Optional.empty(), Optional.of(references));
    }

    @Override
    public String type() {
        return "x509";
    }

    @Override
    public JsonObject body() {
        var out = Jsonp.createObjectBuilder();
        clientCertificates.ifPresent(pair -> out.add("clientCertificates", pair.toJson()));
        signingCertificates.ifPresent(pair -> out.add("signingCertificates", pair.toJson()));
        caReferences.ifPresent(references -> out.add("caReferences", references.toJson()));
        return out.build();
    }

    static X509Attestation fromJson(JsonObject json) {
        return new X509Attestation(
                RequestFields.object(json, "clientCertificates").map(pair -> X509Certificates.fromJson(pair, "clientCertificates")),
                RequestFields.object(json, "signingCertificates").map(pair -> X509Certificates.fromJson(pair, "signingCertificates")),
                RequestFields.object(json, "caReferences").map(X509CaReferences::fromJson));
    }
}
