package dev.dpsrig.simulator.http;

import dev.dpsrig.certs.Certificates;
import dev.dpsrig.simulator.dps.Attestation;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.security.cert.X509Certificate;
import java.util.List;

/** Service API bodies for individual enrollments and enrollment groups, as {@code az iot dps} would send them. */
final class Enrollments {
    private Enrollments() {
    }

    /** Symmetric key attestation without keys: the service generates both. */
    static JsonObject symmetricKey() {
        return attestation(Json.createObjectBuilder().add("type", "symmetricKey"));
    }

    static JsonObject symmetricKey(String primaryKey, String secondaryKey) {
        return attestation(Json.createObjectBuilder().add("type", "symmetricKey")
                .add("symmetricKey", Json.createObjectBuilder().add("primaryKey", primaryKey).add("secondaryKey", secondaryKey)));
    }

    /** An individual enrollment holding the device certificate itself. */
    static JsonObject clientCertificate(String pem) {
        return x509(Json.createObjectBuilder().add("clientCertificates", primaryCertificate(pem)));
    }

    static JsonObject clientCertificate(X509Certificate certificate) {
        return clientCertificate(Certificates.toPem(certificate));
    }

    /** An enrollment group holding the CA certificate that signs its devices. */
    static JsonObject signingCertificate(X509Certificate certificate) {
        return x509(Json.createObjectBuilder().add("signingCertificates", primaryCertificate(Certificates.toPem(certificate))));
    }

    /** An enrollment group naming a CA certificate uploaded to the service. */
    static JsonObject caReference(String caName) {
        return x509(Json.createObjectBuilder().add("caReferences", Json.createObjectBuilder().add("primary", caName)));
    }

    static JsonObject disabled(JsonObject enrollment) {
        return with(enrollment, "provisioningStatus", Json.createValue("disabled"));
    }

    static JsonObject withIotHubs(JsonObject enrollment, List<String> hubHostNames) {
        return with(enrollment, "iotHubs", Json.createArrayBuilder(hubHostNames).build());
    }

    static JsonObject with(JsonObject enrollment, String field, JsonValue value) {
        return Json.createObjectBuilder(enrollment).add(field, value).build();
    }

    /** The keys an enrollment or group got, whether given or generated. */
    static Attestation.SymmetricKey keysOf(Attestation attestation) {
        if (attestation instanceof Attestation.SymmetricKey keys) {
            return keys;
        }
        throw new AssertionError("expected symmetric key attestation, got " + attestation);
    }

    private static JsonObjectBuilder primaryCertificate(String pem) {
        return Json.createObjectBuilder().add("primary", Json.createObjectBuilder().add("certificate", pem));
    }

    private static JsonObject x509(JsonObjectBuilder x509) {
        return attestation(Json.createObjectBuilder().add("type", "x509").add("x509", x509));
    }

    private static JsonObject attestation(JsonObjectBuilder attestation) {
        return Json.createObjectBuilder().add("attestation", attestation).build();
    }
}
