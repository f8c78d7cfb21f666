package dev.dpsrig.app.cli.device;

import dev.dpsrig.app.cli.shared.DeviceOptions;
import dev.dpsrig.app.cli.shared.ExitCodes;
import dev.dpsrig.app.cli.shared.JsonOutput;
import dev.dpsrig.app.cli.shared.UsageException;
import dev.dpsrig.emulator.device.CloudMessage;
import dev.dpsrig.emulator.device.HubRequestException;
import dev.dpsrig.emulator.device.Timeline;
import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonObjectBuilder;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "receive", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Receive one cloud-to-device message as a device: register with DPS (or go straight to"
                + " --assigned-hub as --device-id), GET .../messages/deviceBound, then complete (default), reject or abandon it.",
                "Prints each step, then the message as JSON."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {
                "0:a message was received and settled",
                "1:unexpected error",
                "2:usage error: bad or missing options, unreadable credentials",
                "3:the registration ended 'failed'",
                "4:the registration ended 'disabled'",
                "5:DPS refused the request",
                "6:the deadline (--deadline) passed while registering",
                "7:the hub refused the receive or the settlement",
                "8:no message arrived (within --wait)",
                ExitCodes.UNREACHABLE_LINE})
final class DeviceReceiveCommand implements Callable<Integer> {
    private static final Duration POLL = Duration.ofMillis(500);

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

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "0",
            description = "Poll until a message arrives, for up to this long (default: 0, look once).")
    private long waitSeconds;

    @ArgGroup(exclusive = true)
    private Settlement settlement;

    static final class Settlement {
        @Option(names = "--complete", description = "Complete the message: it is done (the default).")
        boolean complete;

        @Option(names = "--reject", description = "Reject the message: it goes to the dead letters.")
        boolean reject;

        @Option(names = "--abandon", description = "Abandon the message: it goes back to the queue.")
        boolean abandon;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (waitSeconds < 0) {
            throw new UsageException("--wait must be 0 or more seconds, not " + waitSeconds);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Timeline timeline = DeviceCommand.printing(out);
        Object connected = DeviceCommand.connect(spec, options, transport, assignedHub, deviceId, timeline);
        if (connected instanceof Integer exitCode) {
            return exitCode;
        }
        try (DeviceCommand.Connection connection = (DeviceCommand.Connection) connected) {
            long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
            Optional<CloudMessage> received;
            while ((received = connection.hub().receive()).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(Math.min(POLL.toMillis(), Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis())));
            }
            if (received.isEmpty()) {
                err.println(spec.qualifiedName() + ": no cloud-to-device message for " + connection.hub().deviceId()
                        + (waitSeconds > 0 ? " within " + waitSeconds + " s" : ""));
                err.flush();
                return DeviceExitCodes.NO_MESSAGE;
            }
            CloudMessage message = received.get();
            String outcome;
            if (settlement != null && settlement.reject) {
                connection.hub().reject(message.lockToken());
                outcome = "rejected";
            } else if (settlement != null && settlement.abandon) {
                connection.hub().abandon(message.lockToken());
                outcome = "abandoned";
            } else {
                connection.hub().complete(message.lockToken());
                outcome = "completed";
            }
            JsonObjectBuilder properties = Jsonp.createObjectBuilder();
            message.properties().forEach(properties::add);
            JsonObjectBuilder headers = Jsonp.createObjectBuilder();
            message.headers().forEach(headers::add);
            JsonOutput.print(spec, Jsonp.createObjectBuilder()
                    .add("deviceId", connection.hub().deviceId())
                    .add("bodyText", message.bodyText())
                    .add("lockToken", message.lockToken())
                    .add("deliveryCount", message.deliveryCount())
                    .add("properties", properties)
                    .add("headers", headers)
                    .add("settlement", outcome)
                    .build());
            return ExitCodes.OK;
        } catch (HubRequestException e) {
            if (e.connectFailure().isPresent()) {
                err.println(spec.qualifiedName() + ": " + ((DeviceCommand.Connection) connected).unreachable(e.endpoint().orElseThrow(),
                        e.connectFailure().get()));
                err.flush();
                return ExitCodes.UNREACHABLE;
            }
            err.println(spec.qualifiedName() + ": " + e.getMessage().lines().findFirst().orElse("")
                    + e.errorCode().map(code -> " (" + code + ")").orElse(""));
            err.flush();
            return DeviceExitCodes.HUB_FAILED;
        }
    }
}
