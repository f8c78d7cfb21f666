package dev.dpsrig.app.cli.hub;

import dev.dpsrig.app.cli.shared.ConnectionOptions;
import dev.dpsrig.app.cli.shared.OutputOptions;
import dev.dpsrig.emulator.client.ServiceApiClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "messages", mixinStandardHelpOptions = true,
        description = {"List the device-to-cloud messages the hubs accepted, oldest first.",
                "One line each: sequence number, enqueued time, hub, device, authentication, body, properties;"
                        + " with -o or --query, each message's JSON printed that way."})
final class HubMessagesCommand implements Callable<Integer> {
    /** How long one long poll waits for new messages while following. */
    private static final Duration FOLLOW_WAIT = Duration.ofSeconds(25);

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private HubSelection selection;

    @Mixin
    private OutputOptions output;

    @Option(names = "--device", paramLabel = "ID", description = "Only messages from this device.")
    private String deviceId;

    @Option(names = {"-f", "--follow"}, description = "After the messages so far, print new ones as they arrive, until interrupted.")
    private boolean follow;

    @Option(names = "--json", description = "Print each message as one line of JSON (body base64, plus bodyText when it is UTF-8).")
    private boolean json;

    @Override
    public Integer call() throws InterruptedException, ExecutionException {
        try (ServiceApiClient client = connection.client()) {
            List<String> hubs = selection.hubs(client);
            if (hubs.size() == 1 || !follow) {
                for (String hub : hubs) {
                    print(client, hub);
                }
                return 0;
            }
            HubSelection.eachAtOnce(hubs, hub -> print(client, hub));
        }
        return 0;
    }

    private void print(ServiceApiClient client, String hub) {
        long after = 0;
        while (true) {
            JsonObject page = client.hubMessages(hub, Optional.ofNullable(deviceId), after, Duration.ZERO);
            if (page.getJsonArray("messages").isEmpty() && follow) {
                page = client.hubMessages(hub, Optional.ofNullable(deviceId), after, FOLLOW_WAIT);
            }
            for (JsonValue message : page.getJsonArray("messages")) {
                line(message.asJsonObject());
            }
            after = page.getJsonNumber("lastSequenceNumber").longValue();
            if (!follow && !page.getBoolean("more")) {
                return;
            }
        }
    }

    private void line(JsonObject message) {
        if (output.chosen()) {
            output.print(message);
            return;
        }
        PrintWriter out = spec.commandLine().getOut();
        synchronized (out) {
            out.println(json ? message.toString() : describe(message));
            out.flush();
        }
    }

    static String describe(JsonObject message) {
        StringBuilder line = new StringBuilder()
                .append('#').append(message.getJsonNumber("sequenceNumber").longValue())
                .append(' ').append(message.getString("enqueuedTime"))
                .append(' ').append(message.getString("hub"))
                .append(' ').append(message.getString("deviceId"))
                .append(message.containsKey("moduleId") ? "/" + message.getString("moduleId") : "")
                .append(" (").append(message.getString("authMethod")).append(") ");
        if (message.containsKey("bodyText")) {
            line.append(message.getString("bodyText").replace("\n", "\\n"));
        } else {
            line.append("<").append(Base64.getDecoder().decode(message.getString("body")).length)
                    .append(" bytes, base64 ").append(message.getString("body")).append('>');
        }
        String properties = joined(message.getJsonObject("properties"));
        String system = joined(message.getJsonObject("systemProperties"));
        if (!properties.isEmpty() || !system.isEmpty()) {
            line.append("  [").append(properties);
            if (!properties.isEmpty() && !system.isEmpty()) {
                line.append("; ");
            }
            line.append(system).append(']');
        }
        return line.toString();
    }

    private static String joined(JsonObject properties) {
        return properties.entrySet().stream()
                .map((Map.Entry<String, JsonValue> entry) -> entry.getKey() + "=" + ((JsonString) entry.getValue()).getString())
                .collect(Collectors.joining(", "));
    }
}
