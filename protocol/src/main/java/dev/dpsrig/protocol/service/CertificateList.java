package dev.dpsrig.protocol.service;

import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.WireFields;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;

/** {@code CertificateListDescription}: the service's CA certificates, {@code {"value": [...]}}. */
public record CertificateList(List<CertificateResponse> value) {
    public CertificateList {
        value = List.copyOf(value);
    }

    public JsonObject toJson() {
        var items = Jsonp.createArrayBuilder();
        value.forEach(certificate -> items.add(certificate.toJson()));
        return Jsonp.createObjectBuilder().add("value", items).build();
    }

    public static CertificateList fromJson(JsonObject json) {
        return new CertificateList(WireFields.value(json, "value").filter(v -> v.getValueType() == JsonValue.ValueType.ARRAY)
                .map(v -> v.asJsonArray().getValuesAs(JsonObject.class).stream().map(CertificateResponse::fromJson).toList())
                .orElse(List.of()));
    }
}
