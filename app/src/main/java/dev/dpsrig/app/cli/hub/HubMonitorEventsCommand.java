package dev.dpsrig.app.cli.hub;

import dev.dpsrig.app.cli.shared.ConnectionOptions;
import dev.dpsrig.app.cli.shared.OutputOptions;
import dev.dpsrig.emulator.client.ServiceApiClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dpsrig hub monitor-events}: the telemetry the simulated hubs accept from now on, one event at a time as
 * {@code az iot hub monitor-events} prints it. It long-polls the simulator's inspection API
 * ({@code GET /dpsrig/hubs/{hub}/messages?after=N&waitSeconds=S}, every hub at once), starting after the messages
 * already accepted, and stops when no event has come for {@code --timeout} seconds.
 */
@Command(name = "monitor-events", mixinStandardHelpOptions = true,
        description = {"Print the telemetry the hubs accept from now on as az does, one {\"event\": {\"origin\", \"module\","
                + " \"interface\", \"component\", \"payload\"}} each, until --timeout seconds pass without one, or Ctrl-C.",
                "Watches the simulator's inspection API by long polling."})
final class HubMonitorEventsCommand implements Callable<Integer> {
    /** The longest a single poll waits: below the service client's request timeout. */
    private static final Duration LONGEST_POLL = Duration.ofSeconds(25);

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private OutputOptions output;

    @Mixin
    private HubSelection selection;

    @Option(names = {"-d", "--device-id"}, paramLabel = "ID", description = "Only events from this device.")
    private Optional<String> deviceId = Optional.empty();

    @Option(names = {"-t", "--timeout", "--to"}, defaultValue = "300", paramLabel = "SECONDS",
            description = "Stop after this many seconds without an event (default: ${DEFAULT-VALUE}; 0: never).")
    private long timeoutSeconds;

    @Option(names = {"--properties", "--props", "-p"}, arity = "1..*", paramLabel = "sys|app|anno|all",
            description = "Show message properties too: sys (system properties), app (application properties),"
                    + " anno (annotations), all.")
    private List<String> properties = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException, ExecutionException {
        if (timeoutSeconds < 0) {
            throw new ParameterException(spec.commandLine(), "--timeout must be 0 (never) or a number of seconds, not " + timeoutSeconds);
        }
        TelemetryEvents events = TelemetryEvents.showing(properties)
                .orElseThrow(() -> new ParameterException(spec.commandLine(), "--properties takes sys, app, anno or all, not " + properties));
        IdleTimer idle = new IdleTimer(timeoutSeconds == 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(timeoutSeconds)));
        try (ServiceApiClient client = connection.client()) {
            HubSelection.eachAtOnce(selection.hubs(client), hub -> follow(client, hub, events, idle));
        }
        return 0;
    }

    private void follow(ServiceApiClient client, String hub, TelemetryEvents events, IdleTimer idle) {
        long after = lastAccepted(client, hub);
        while (!idle.expired()) {
            JsonObject page = client.hubMessages(hub, deviceId, after, idle.nextWait(LONGEST_POLL));
            for (JsonValue message : page.getJsonArray("messages")) {
                idle.restart();
                output.print(events.event(message.asJsonObject()));
            }
            after = page.getJsonNumber("lastSequenceNumber").longValue();
        }
    }

    /** The sequence number of the last message the hub has already accepted: events are the ones after it. */
    private long lastAccepted(ServiceApiClient client, String hub) {
        long after = 0;
        JsonObject page;
        do {
            page = client.hubMessages(hub, deviceId, after, Duration.ZERO);
            after = page.getJsonNumber("lastSequenceNumber").longValue();
        } while (page.getBoolean("more"));
        return after;
    }
}
