package dev.dpsrig.simulator.dps;

import dev.dpsrig.certs.Certificates;
import dev.dpsrig.protocol.DpsTimestamps;
import dev.dpsrig.protocol.HubException;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.simulator.store.StateStore;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** The device identities of one simulated hub, kept as DPS creates them on assignment. */
public final class HubRegistry {
    private final Hub hub;
    private final StateStore store;
    private final String kind;
    private final Map<String, HubDevice> devices = new ConcurrentSkipListMap<>();

    HubRegistry(Hub hub, StateStore store) {
        this(hub, store, loadDevices(store, hub.name()));
    }

    HubRegistry(Hub hub, StateStore store, Map<String, HubDevice> stored) {
        this.hub = hub;
        this.store = store;
        this.kind = kind(hub.name());
        devices.putAll(stored);
    }

    /** The stored device identities of the hub of that name, by device id. */
    static Map<String, HubDevice> loadDevices(StateStore store, String hubName) {
        Map<String, HubDevice> loaded = new java.util.HashMap<>();
        store.loadAll(kind(hubName)).values().forEach(json -> {
            HubDevice device = fromJson(json);
            loaded.put(device.deviceId(), device);
        });
        return loaded;
    }

    private static String kind(String hubName) {
        return "hubs/" + hubName + "/devices";
    }

    public Hub hub() {
        return hub;
    }

    /** Device ids are case-sensitive in IoT Hub. */
    public Optional<HubDevice> device(String deviceId) {
        return Optional.ofNullable(devices.get(deviceId));
    }

    public List<HubDevice> devices() {
        return List.copyOf(devices.values());
    }

    /** Enables or disables a device, as an operator does in the hub's registry; DPS re-enables it on its next assignment. */
    public HubDevice setEnabled(String deviceId, boolean enabled, Instant now) {
        HubDevice updated = devices.compute(deviceId, (id, device) -> {
            if (device == null) {
                throw HubException.deviceNotFound("hub '" + hub.name() + "' has no device '" + deviceId + "'");
            }
            return new HubDevice(device.deviceId(), device.registrationId(), device.authentication(), enabled,
                    device.iotEdge(), device.initialTwin(), device.revision().next(now));
        });
        store.put(kind, deviceId, () -> toJson(updated));
        return updated;
    }

    void put(HubDevice device) {
        store.put(kind, device.deviceId(), () -> toJson(device));
        devices.put(device.deviceId(), device);
    }

    /** Shaped like the IoT Hub registry's device identity. */
    public static JsonObject toJson(HubDevice device) {
        JsonObjectBuilder out = Jsonp.createObjectBuilder()
                .add("deviceId", device.deviceId())
                .add("registrationId", device.registrationId())
                .add("authentication", authenticationJson(device.authentication()))
                .add("status", device.enabled() ? "enabled" : "disabled")
                .add("capabilities", Jsonp.createObjectBuilder().add("iotEdge", device.iotEdge()))
                .add("etag", device.revision().etag())
                .add("createdDateTimeUtc", DpsTimestamps.format(device.revision().created()))
                .add("lastUpdatedDateTimeUtc", DpsTimestamps.format(device.revision().updated()));
        device.initialTwin().ifPresent(twin -> out.add("initialTwin", ServiceJson.json(twin)));
        return out.build();
    }

    static JsonObject authenticationJson(HubDevice.HubAuthentication hubAuthentication) {
        JsonObjectBuilder authentication = Jsonp.createObjectBuilder().add("type", hubAuthentication.type());
        switch (hubAuthentication) {
            case HubDevice.HubAuthentication.Sas sas -> authentication.add("symmetricKey", Jsonp.createObjectBuilder()
                    .add("primaryKey", sas.primaryKey()).add("secondaryKey", sas.secondaryKey()));
            case HubDevice.HubAuthentication.SelfSigned selfSigned -> {
                JsonObjectBuilder thumbprint = Jsonp.createObjectBuilder().add("primaryThumbprint", selfSigned.primaryThumbprint());
                selfSigned.secondaryThumbprint().ifPresent(t -> thumbprint.add("secondaryThumbprint", t));
                authentication.add("x509Thumbprint", thumbprint);
            }
            case HubDevice.HubAuthentication.CertificateAuthority ca -> authentication
                    .add("caThumbprint", ca.caThumbprint())
                    .add("caCertificate", Certificates.toPem(ca.caCertificate()));
        }
        return authentication.build();
    }

    static HubDevice fromJson(JsonObject json) {
        return new HubDevice(json.getString("deviceId"), json.getString("registrationId"),
                authentication(json.getJsonObject("authentication")),
                json.getString("status").equals("enabled"),
                json.getJsonObject("capabilities").getBoolean("iotEdge"),
                JsonFields.object(json, "initialTwin").map(ServiceJson::raw),
                new Revision(json.getString("etag"),
                        DpsTimestamps.parse(json.getString("createdDateTimeUtc")),
                        DpsTimestamps.parse(json.getString("lastUpdatedDateTimeUtc"))));
    }

    static HubDevice.HubAuthentication authentication(JsonObject authentication) {
        return switch (authentication.getString("type")) {
            case "sas" -> new HubDevice.HubAuthentication.Sas(
                    authentication.getJsonObject("symmetricKey").getString("primaryKey"),
                    authentication.getJsonObject("symmetricKey").getString("secondaryKey"));
            case "selfSigned" -> new HubDevice.HubAuthentication.SelfSigned(
                    authentication.getJsonObject("x509Thumbprint").getString("primaryThumbprint"),
                    JsonFields.string(authentication.getJsonObject("x509Thumbprint"), "secondaryThumbprint"));
            default -> new HubDevice.HubAuthentication.CertificateAuthority(Certificates.decode(
                    authentication.getString("caCertificate").getBytes(StandardCharsets.US_ASCII)).getFirst());
        };
    }
}
