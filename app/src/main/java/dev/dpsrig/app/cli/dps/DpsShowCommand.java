package dev.dpsrig.app.cli.dps;

import dev.dpsrig.app.cli.shared.ConnectionOptions;
import dev.dpsrig.app.cli.shared.OutputOptions;
import dev.dpsrig.emulator.client.DevSettings;
import dev.dpsrig.emulator.client.MqttSettings;
import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code dpsrig dps show}: the running simulator as {@code az iot dps show} describes a DPS — its ID scope, the host
 * devices provision through and the host of the service API under {@code properties}, its hubs under
 * {@code properties.iotHubs} — and, under {@code dpsrig}, what only a simulator has: its base URL and MQTT endpoints.
 */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Describe the running simulator as `az iot dps show` describes a DPS: properties.idScope,"
                + " properties.deviceProvisioningHostName, properties.serviceOperationsHostName, properties.iotHubs;"
                + " its base URL and MQTT endpoints under dpsrig.",
                "E.g. the ID scope alone: dpsrig dps show --query properties.idScope -o tsv"})
final class DpsShowCommand implements Callable<Integer> {
    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private OutputOptions output;

    @Override
    public Integer call() {
        DevSettings settings = connection.simulator().settings();
        String serviceHost = settings.connection().hostName();
        MqttSettings mqtt = settings.mqtt();
        JsonArrayBuilder iotHubs = Jsonp.createArrayBuilder();
        JsonArrayBuilder simulatedHubs = Jsonp.createArrayBuilder();
        try (ServiceApiClient client = connection.client()) {
            for (JsonValue listed : client.hubs()) {
                JsonObject hub = listed.asJsonObject();
                String hostName = hub.getString("hostName");
                iotHubs.add(Jsonp.createObjectBuilder().add("name", hostName).add("location", "local"));
                JsonObjectBuilder simulated = Jsonp.createObjectBuilder().add("name", hub.getString("name")).add("hostName", hostName);
                add(simulated, "mqttEndpoint", Optional.ofNullable(mqtt.hubEndpoints().get(hostName)));
                add(simulated, "mqttWebSocketEndpoint", Optional.ofNullable(mqtt.hubWebSocketEndpoints().get(hostName)));
                simulatedHubs.add(simulated);
            }
        }
        JsonObjectBuilder simulator = Jsonp.createObjectBuilder()
                .add("serviceBaseUrl", settings.connection().baseUri().toString())
                .add("globalEndpoint", settings.globalEndpoint());
        add(simulator, "mqttEndpoint", mqtt.dpsEndpoint());
        add(simulator, "mqttWebSocketEndpoint", mqtt.dpsWebSocketEndpoint());
        output.print(Jsonp.createObjectBuilder()
                .add("name", DpsName.of(settings.connection()))
                .add("location", "local")
                .add("type", "Microsoft.Devices/provisioningServices")
                .add("properties", Jsonp.createObjectBuilder()
                        .add("state", "Active")
                        .add("idScope", settings.idScope())
                        .add("deviceProvisioningHostName", settings.globalEndpoint())
                        .add("serviceOperationsHostName", serviceHost)
                        .add("iotHubs", iotHubs))
                .add("dpsrig", simulator.add("hubs", simulatedHubs))
                .build());
        return 0;
    }

    private static void add(JsonObjectBuilder json, String name, Optional<String> value) {
        value.ifPresent(present -> json.add(name, present));
    }
}
