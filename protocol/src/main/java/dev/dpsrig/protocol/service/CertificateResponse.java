package dev.dpsrig.protocol.service;

import dev.dpsrig.protocol.DpsTimestamps;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.WireFields;
import dev.dpsrig.protocol.WireFormatException;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/** {@code CertificateResponse}: a CA certificate of the service, shaped as the management plane answers it. */
public record CertificateResponse(String name, String etag, String type, Properties properties) {
    public static final String TYPE = "Microsoft.Devices/provisioningServices/Certificates";

    /**
     * {@code CertificateProperties}: what the service read from the certificate, whether its key's
     * possession was proven, and the code a proof must carry while it is not.
     */
    public record Properties(
            String subject,
            Optional<Instant> expiry,
            String thumbprint,
            boolean isVerified,
            Optional<Instant> created,
            Optional<Instant> updated,
            String certificate,
            Optional<String> verificationCode) {

        JsonObject toJson() {
            var out = Jsonp.createObjectBuilder().add("subject", subject);
            expiry.ifPresent(at -> out.add("expiry", DpsTimestamps.format(at)));
            out.add("thumbprint", thumbprint).add("isVerified", isVerified);
            created.ifPresent(at -> out.add("created", DpsTimestamps.format(at)));
            updated.ifPresent(at -> out.add("updated", DpsTimestamps.format(at)));
            out.add("certificate", certificate);
            verificationCode.ifPresent(code -> out.add("verificationCode", code));
            return out.build();
        }

        static Properties fromJson(JsonObject json) {
            return new Properties(WireFields.string(json, "subject").orElse(""), WireFields.instant(json, "expiry"),
                    WireFields.string(json, "thumbprint").orElse(""), WireFields.bool(json, "isVerified").orElse(false),
                    WireFields.instant(json, "created"), WireFields.instant(json, "updated"),
                    WireFields.string(json, "certificate").orElse(""), WireFields.string(json, "verificationCode"));
        }
    }

    public JsonObject toJson() {
        return Jsonp.createObjectBuilder()
                .add("name", name)
                .add("etag", etag)
                .add("type", type)
                .add("properties", properties.toJson())
                .build();
    }

    /** @throws WireFormatException without a name */
    public static CertificateResponse fromJson(JsonObject json) {
        return new CertificateResponse(WireFields.requiredString(json, "name", "a CA certificate"),
                WireFields.string(json, "etag").orElse(""), WireFields.string(json, "type").orElse(TYPE),
                Properties.fromJson(WireFields.object(json, "properties").orElse(JsonObject.EMPTY_JSON_OBJECT)));
    }
}
