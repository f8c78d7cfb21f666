package dev.dpsrig.app.cli.device;

import dev.dpsrig.app.cli.shared.DeviceOptions;
import dev.dpsrig.app.cli.shared.ExitCodes;
import dev.dpsrig.app.cli.shared.UsageException;
import dev.dpsrig.emulator.device.Telemetry;
import dev.dpsrig.emulator.device.TelemetryOutcome;
import dev.dpsrig.emulator.device.Timeline;
import dev.dpsrig.protocol.MessageProperty;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "send", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Send telemetry as a device: register with DPS (or go straight to --assigned-hub as --device-id),"
                + " then POST the message(s) to the hub, retrying throttling and server errors.",
                "Prints each step, then one line per outcome: acknowledged, or failed with the reason."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {
                "0:every message acknowledged",
                "1:unexpected error",
                "2:usage error: bad or missing options, unreadable credentials",
                "3:the registration ended 'failed'",
                "4:the registration ended 'disabled'",
                "5:DPS refused the request",
                "6:the deadline (--deadline) passed while registering",
                "7:at least one message failed",
                ExitCodes.UNREACHABLE_LINE})
final class DeviceSendCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private DeviceOptions options;

    @Mixin
    private TransportOption transport;

    @Option(names = "--assigned-hub", paramLabel = "HOST[:PORT]", description = "Skip DPS: the hub the device was assigned to.")
    private String assignedHub;

    @Option(names = "--device-id", paramLabel = "ID", description = "Skip DPS: the device id on --assigned-hub.")
    private String deviceId;

    @Option(names = "--data", required = true, paramLabel = "TEXT", description = "The message body, sent as UTF-8.")
    private String data;

    @Option(names = {"--property", "-p"}, paramLabel = "NAME=VALUE", description = "An application property (repeatable).")
    private Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--message-id", paramLabel = "ID",
            description = "The message id; with --count above 1 each message gets ID-1, ID-2 ...")
    private String messageId;

    @Option(names = "--content-type", paramLabel = "TYPE", description = "The body's content type, e.g. application/json.")
    private String contentType;

    @Option(names = "--content-encoding", paramLabel = "ENC", description = "The body's encoding, e.g. utf-8.")
    private String contentEncoding;

    @Option(names = "--count", paramLabel = "N", defaultValue = "1", description = "How many messages to send (default: 1).")
    private int count;

    @Option(names = "--batch", description = "Send the messages in one batch request (application/vnd.microsoft.iothub.json).")
    private boolean batch;

    @Override
    public Integer call() throws InterruptedException {
        if (count < 1) {
            throw new UsageException("--count must be at least 1, not " + count);
        }
        PrintWriter out = spec.commandLine().getOut();
        Timeline timeline = DeviceCommand.printing(out);
        Object connected = DeviceCommand.connect(spec, options, transport, assignedHub, deviceId, timeline);
        if (connected instanceof Integer exitCode) {
            return exitCode;
        }
        List<Telemetry> messages = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            messages.add(message(i));
        }
        SplittableRandom random = new SplittableRandom();
        boolean allAcknowledged = true;
        try (DeviceCommand.Connection connection = (DeviceCommand.Connection) connected) {
            TelemetryOutcome last;
            if (batch) {
                last = connection.hub().sendBatch(messages, timeline, random);
                allAcknowledged = print(out, "batch of " + count + " message(s)", last);
            } else {
                int i = 0;
                do {
                    last = connection.hub().send(messages.get(i), timeline, random);
                    allAcknowledged &= print(out, "message " + (i + 1) + "/" + count, last);
                    i++;
                } while (i < count && !(last instanceof TelemetryOutcome.Unreachable));
            }
            if (last instanceof TelemetryOutcome.Unreachable nobody) {
                // The hub was never there: the other messages would find the same.
                spec.commandLine().getErr().println(spec.qualifiedName() + ": " + connection.unreachable(nobody.endpoint(),
                        nobody.connectFailure()));
                spec.commandLine().getErr().flush();
                return ExitCodes.UNREACHABLE;
            }
        }
        return allAcknowledged ? ExitCodes.OK : DeviceExitCodes.HUB_FAILED;
    }

    private Telemetry message(int number) {
        Telemetry message = Telemetry.text(data);
        for (Map.Entry<String, String> property : properties.entrySet()) {
            message = message.withProperty(property.getKey(), property.getValue());
        }
        if (messageId != null) {
            message = message.with(MessageProperty.MESSAGE_ID, count == 1 ? messageId : messageId + "-" + number);
        }
        if (contentType != null) {
            message = message.with(MessageProperty.CONTENT_TYPE, contentType);
        }
        if (contentEncoding != null) {
            message = message.with(MessageProperty.CONTENT_ENCODING, contentEncoding);
        }
        return message;
    }

    private static boolean print(PrintWriter out, String what, TelemetryOutcome outcome) {
        switch (outcome) {
            case TelemetryOutcome.Acknowledged ok -> out.println(what + ": acknowledged after " + ok.latency().toMillis() + " ms ("
                    + ok.attempts() + (ok.attempts() == 1 ? " attempt)" : " attempts)"));
            case TelemetryOutcome.Failed failed -> out.println(what + ": failed"
                    + (failed.httpStatus() != 0 ? " " + failed.httpStatus() : "")
                    + failed.errorCode().map(code -> " " + code).orElse("") + ": " + failed.reason());
            case TelemetryOutcome.Unreachable nobody -> out.println(what + ": failed: " + nobody.reason());
        }
        out.flush();
        return outcome instanceof TelemetryOutcome.Acknowledged;
    }
}
