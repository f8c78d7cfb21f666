package dev.dpsrig.protocol.settings;

import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.WireFormatException;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code dev-settings.json}, the file {@code dpsrig serve} writes for clients and every client command
 * reads: one record for both sides, so the simulator cannot write a key its readers do not know.
 *
 * @param layout                    {@code sdk-compatible} or {@code ports}
 * @param globalEndpoint            what devices use in place of {@code global.azure-devices-provisioning.net}
 * @param dpsBaseUrl                the DPS's base URL, for {@code curl} lines
 * @param adminKey                  the admin API's key, present only when it differs from the service key
 * @param trustedRootCertificate    the development root CA's file, relative to the settings file's folder when inside it
 * @param trustedRootCertificatePem the same root as PEM text, for clients that get only this file (a ConfigMap)
 * @param dataDir                   the data directory the simulator ran with
 * @param dpsMqttEndpoint           where devices reach the DPS device API over MQTT, {@code host:port}
 *                                  ({@code 127.0.0.1:8883} in the SDK-compatible layout)
 * @param dpsMqttWebSocketEndpoint  where devices reach it over MQTT over WebSockets, {@code wss://host[:port]/$iothub/websocket}
 *                                  on the DPS's HTTPS listener ({@code wss://127.0.0.1/$iothub/websocket} in the SDK-compatible layout)
 */
public record DevSettingsDocument(
        String layout,
        String idScope,
        String globalEndpoint,
        String dpsBaseUrl,
        ServiceConnectionString serviceConnectionString,
        Optional<String> adminKey,
        List<Hub> hubs,
        String trustedRootCertificate,
        Optional<String> trustedRootCertificatePem,
        Optional<String> dataDir,
        Optional<String> dpsMqttEndpoint,
        Optional<String> dpsMqttWebSocketEndpoint) {

    public static final String FILE_NAME = "dev-settings.json";

    /**
     * A simulated hub as devices reach it.
     *
     * @param mqttEndpoint          where devices reach its device API over MQTT, {@code host:port}; absent from older files
     * @param mqttWebSocketEndpoint where devices reach it over MQTT over WebSockets, {@code wss://host[:port]/$iothub/websocket}
     *                              on the hub's HTTPS listener; absent from older files
     */
    public record Hub(String name, String hostName, Optional<String> mqttEndpoint, Optional<String> mqttWebSocketEndpoint) {
        /** A hub whose MQTT endpoints are not told. */
        public Hub(String name, String hostName) {
            this(name, hostName, Optional.empty(), Optional.empty());
        }
    }

    public DevSettingsDocument {
        hubs = List.copyOf(hubs);
    }

    public JsonObject toJson() {
        var out = Jsonp.createObjectBuilder()
                .add("layout", layout)
                .add("idScope", idScope)
                .add("globalEndpoint", globalEndpoint)
                .add("dpsBaseUrl", dpsBaseUrl)
                .add("serviceConnectionString", serviceConnectionString.text());
        adminKey.ifPresent(key -> out.add("adminKey", key));
        var hubArray = Jsonp.createArrayBuilder();
        hubs.forEach(hub -> {
            var entry = Jsonp.createObjectBuilder().add("name", hub.name()).add("hostName", hub.hostName());
            hub.mqttEndpoint().ifPresent(endpoint -> entry.add("mqttEndpoint", endpoint));
            hub.mqttWebSocketEndpoint().ifPresent(endpoint -> entry.add("mqttWebSocketEndpoint", endpoint));
            hubArray.add(entry);
        });
        out.add("hubs", hubArray).add("trustedRootCertificate", trustedRootCertificate);
        trustedRootCertificatePem.ifPresent(pem -> out.add("trustedRootCertificatePem", pem));
        dataDir.ifPresent(dir -> out.add("dataDir", dir));
        dpsMqttEndpoint.ifPresent(endpoint -> out.add("dpsMqttEndpoint", endpoint));
        dpsMqttWebSocketEndpoint.ifPresent(endpoint -> out.add("dpsMqttWebSocketEndpoint", endpoint));
        return out.build();
    }

    /**
     * Reads the settings a client needs; what only the simulator's own tools use ({@code layout},
     * {@code dpsBaseUrl}, {@code hubs}) may be missing from a hand-written file.
     *
     * @throws WireFormatException naming the first required key that is missing, blank or malformed
     */
    public static DevSettingsDocument fromJson(JsonObject json) {
        ServiceConnectionString connection;
        try {
            connection = ServiceConnectionString.parse(required(json, "serviceConnectionString"));
        } catch (IllegalArgumentException e) {
            throw new WireFormatException("serviceConnectionString: " + e.getMessage());
        }
        String trustedRoot = required(json, "trustedRootCertificate");
        return new DevSettingsDocument(
                optional(json, "layout").orElse(""),
                required(json, "idScope"),
                required(json, "globalEndpoint"),
                optional(json, "dpsBaseUrl").orElse(""),
                connection,
                optional(json, "adminKey"),
                hubs(json),
                trustedRoot,
                optional(json, "trustedRootCertificatePem"),
                optional(json, "dataDir"),
                optional(json, "dpsMqttEndpoint"),
                optional(json, "dpsMqttWebSocketEndpoint"));
    }

    private static List<Hub> hubs(JsonObject json) {
        List<Hub> hubs = new ArrayList<>();
        if (json.get("hubs") instanceof JsonArray array) {
            for (JsonValue value : array) {
                if (value instanceof JsonObject hub && optional(hub, "name").isPresent() && optional(hub, "hostName").isPresent()) {
                    hubs.add(new Hub(optional(hub, "name").get(), optional(hub, "hostName").get(), optional(hub, "mqttEndpoint"),
                            optional(hub, "mqttWebSocketEndpoint")));
                }
            }
        }
        return hubs;
    }

    private static String required(JsonObject json, String name) {
        return optional(json, name).orElseThrow(() -> new WireFormatException("has no " + name));
    }

    /** A string that is there and not blank. */
    private static Optional<String> optional(JsonObject json, String name) {
        return json.get(name) instanceof JsonString text && !text.getString().isBlank() ? Optional.of(text.getString()) : Optional.empty();
    }
}
