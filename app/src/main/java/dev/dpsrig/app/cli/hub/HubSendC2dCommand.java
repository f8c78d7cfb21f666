package dev.dpsrig.app.cli.hub;

import dev.dpsrig.app.cli.shared.ConnectionOptions;
import dev.dpsrig.app.cli.shared.OutputOptions;
import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonObjectBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "send-c2d", mixinStandardHelpOptions = true,
        description = {"Queue a cloud-to-device message for a device; it waits until the device receives it"
                + " (GET .../messages/deviceBound) and completes, rejects or abandons it.",
                "Prints the queued message as JSON."})
final class HubSendC2dCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private OutputOptions output;

    @Mixin
    private HubSelection selection;

    @Option(names = {"--device", "--device-id", "-d"}, required = true, paramLabel = "ID", description = "The device to send to.")
    private String deviceId;

    @Option(names = "--data", required = true, paramLabel = "TEXT", description = "The message body, sent as UTF-8.")
    private String data;

    @Option(names = {"--property", "-p"}, paramLabel = "NAME=VALUE",
            description = "An application property (repeatable); the device sees it as the header iothub-app-NAME.")
    private Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--message-id", paramLabel = "ID", description = "The message id (iothub-messageid).")
    private String messageId;

    @Option(names = "--correlation-id", paramLabel = "ID", description = "The correlation id (iothub-correlationid).")
    private String correlationId;

    @Option(names = "--content-type", paramLabel = "TYPE", description = "The body's content type, e.g. application/json (ContentType).")
    private String contentType;

    @Option(names = "--content-encoding", paramLabel = "ENC", description = "The body's encoding, e.g. utf-8 (ContentEncoding).")
    private String contentEncoding;

    @Option(names = "--ack", paramLabel = "KIND", description = "Feedback requested: none, positive, negative or full (iothub-ack).")
    private String ack;

    @Option(names = "--ttl", paramLabel = "SECONDS", description = "Time to live (default: the hub's, one hour; at most two days).")
    private Long ttlSeconds;

    @Override
    public Integer call() {
        if (ack != null && !ack.matches("none|positive|negative|full")) {
            throw new ParameterException(spec.commandLine(), "--ack must be none, positive, negative or full, not '" + ack + "'");
        }
        if (ttlSeconds != null && ttlSeconds <= 0) {
            throw new ParameterException(spec.commandLine(), "--ttl must be a positive number of seconds, not " + ttlSeconds);
        }
        JsonObjectBuilder message = Jsonp.createObjectBuilder().add("body", data);
        JsonObjectBuilder appProperties = Jsonp.createObjectBuilder();
        properties.forEach(appProperties::add);
        message.add("properties", appProperties);
        optional(message, "messageId", messageId);
        optional(message, "correlationId", correlationId);
        optional(message, "contentType", contentType);
        optional(message, "contentEncoding", contentEncoding);
        optional(message, "ack", ack);
        if (ttlSeconds != null) {
            message.add("ttlSeconds", ttlSeconds);
        }
        try (ServiceApiClient client = connection.client()) {
            output.print(client.sendCloudToDevice(selection.hubOf(client, deviceId), deviceId, message.build()));
        }
        return 0;
    }

    private static void optional(JsonObjectBuilder message, String name, String value) {
        if (value != null) {
            message.add(name, value);
        }
    }
}
