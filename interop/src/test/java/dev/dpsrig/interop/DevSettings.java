package dev.dpsrig.interop;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a user copies out of the simulator's {@code dev-settings.json}, read from the file itself:
 * every value an SDK is given in these tests comes from here, unchanged. Paths in the file may be
 * relative to the file's folder.
 */
record DevSettings(String idScope, String globalEndpoint, String serviceConnectionString, List<Hub> hubs,
                   Path trustedRootCertificate, String dpsMqttEndpoint, String dpsMqttWebSocketEndpoint) {

    /**
     * @param mqttEndpoint          where devices reach the hub over MQTT, {@code host:port}
     * @param mqttWebSocketEndpoint where they reach it over MQTT over WebSockets, {@code wss://host/$iothub/websocket}
     */
    record Hub(String name, String hostName, String mqttEndpoint, String mqttWebSocketEndpoint) {
    }

    static DevSettings read(Path file) {
        JsonObject json;
        try (Reader in = Files.newBufferedReader(file); JsonReader reader = Json.createReader(in)) {
            json = reader.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Path folder = file.toAbsolutePath().getParent();
        List<Hub> hubs = json.getJsonArray("hubs").getValuesAs(JsonValue::asJsonObject).stream()
                .map(hub -> new Hub(hub.getString("name"), hub.getString("hostName"), hub.getString("mqttEndpoint"),
                        hub.getString("mqttWebSocketEndpoint")))
                .toList();
        return new DevSettings(json.getString("idScope"), json.getString("globalEndpoint"),
                json.getString("serviceConnectionString"), hubs, folder.resolve(json.getString("trustedRootCertificate")),
                json.getString("dpsMqttEndpoint"), json.getString("dpsMqttWebSocketEndpoint"));
    }

    /** The hub DPS named in an assignment, by the host name it gave. */
    Hub hubAt(String hostName) {
        return hubs.stream().filter(hub -> hub.hostName().equals(hostName)).findFirst()
                .orElseThrow(() -> new AssertionError("DPS assigned '" + hostName + "', which is none of the hubs in dev-settings.json: " + hubs));
    }
}
