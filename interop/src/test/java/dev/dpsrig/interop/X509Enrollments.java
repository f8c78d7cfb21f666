package dev.dpsrig.interop;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** The service API bodies of X.509 enrollments, as the Azure service SDKs and the portal send them. */
public final class X509Enrollments {
    private X509Enrollments() {
    }

    /** An individual enrollment holding {@code certificatePem} as its primary client certificate. */
    public static JsonObject individual(String certificatePem) {
        return x509(Json.createObjectBuilder().add("clientCertificates", Json.createObjectBuilder().add("primary",
                Json.createObjectBuilder().add("certificate", certificatePem))));
    }

    /** An enrollment group referencing the uploaded CA certificate {@code caName}. */
    public static JsonObject group(String caName) {
        return x509(Json.createObjectBuilder().add("caReferences", Json.createObjectBuilder().add("primary", caName)));
    }

    private static JsonObject x509(JsonObjectBuilder x509) {
        return Json.createObjectBuilder().add("attestation", Json.createObjectBuilder().add("type", "x509").add("x509", x509)).build();
    }
}
