package dev.dpsrig.app.cli.fleet;

import dev.dpsrig.app.cli.shared.ConnectionOptions;
import dev.dpsrig.app.cli.shared.EndpointUnreachableException;
import dev.dpsrig.app.cli.shared.ExitCodes;
import dev.dpsrig.app.cli.shared.SimulatorSettings;
import dev.dpsrig.emulator.client.DevSettings;
import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.emulator.client.ServiceTrust;
import dev.dpsrig.emulator.device.DpsEndpoint;
import dev.dpsrig.emulator.fleet.FleetCredentials;
import dev.dpsrig.emulator.fleet.FleetReport;
import dev.dpsrig.emulator.fleet.FleetRunner;
import dev.dpsrig.emulator.fleet.FleetSpec;
import dev.dpsrig.emulator.fleet.FleetUnreachableException;
import dev.dpsrig.emulator.fleet.Shard;
import dev.dpsrig.emulator.fleet.SummaryTable;
import dev.dpsrig.emulator.fleet.Threshold;
import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a fleet of emulated devices against the local simulator (found through --data-dir) or a spec file's"
                + " settings: each device on a virtual thread, registering through DPS, then sending telemetry.",
                "Flags override the spec file. One progress line while it runs (devices by phase, rates, errors, retries and"
                        + " refused connections); a summary table, each threshold with a tick or a cross, the verdict (PASSED or"
                        + " FAILED) and, with --report, report.json and report.html at the end.",
                "Devices retry what a running simulator answers; when they cannot reach it at all, the run stops at once."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {
                "0:every device was assigned and every message acknowledged",
                "1:a device was not assigned, a message failed or a threshold failed, or an unexpected error",
                "2:usage error: bad options or spec file",
                ExitCodes.UNREACHABLE_LINE})
final class FleetRunCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--spec", paramLabel = "FILE", description = "A JSON fleet spec; its keys are these flags in camel case.")
    private Path specFile;

    @Option(names = "--devices", paramLabel = "N", description = "Devices in the whole fleet (default 100).")
    private Integer devices;

    @Option(names = "--id-pattern", paramLabel = "FORMAT", description = "Registration id of device i (default fleet-%%06d).")
    private String idPattern;

    @Option(names = "--attestation", paramLabel = "MIX", description = "group-symmetric-key, individual-symmetric-key, x509-group,"
            + " x509-individual, or a weighted mix such as group-symmetric-key:1,x509-group:1 (default group-symmetric-key).")
    private String attestation;

    @Option(names = "--key-type", paramLabel = "TYPE", description = "Key of X.509 devices: ec, rsa2048, rsa4096 (default ec).")
    private String keyType;

    @Option(names = "--enroll", description = "Create the enrollment group(s) and individual enrollments first, through the service API.")
    private Boolean enroll;

    @Option(names = "--enrollment-group", paramLabel = "NAME", description = "Prefix of the group ids and CA name (default fleet).")
    private String enrollmentGroup;

    @Option(names = "--ramp", paramLabel = "PER_SECOND", description = "Devices started per second, fleet-wide (default 0: no limit).")
    private Double ramp;

    @Option(names = "--concurrency", paramLabel = "N", description = "Devices in flight at once, per shard (default 500).")
    private Integer concurrency;

    @Option(names = "--telemetry-interval", paramLabel = "DURATION", description = "Between a device's messages, e.g. 500ms, 5s (default 1s).")
    private String telemetryInterval;

    @Option(names = "--telemetry-count", paramLabel = "N", description = "Messages per device (default 0).")
    private Integer telemetryCount;

    @Option(names = "--telemetry-duration", paramLabel = "DURATION", description = "Send for this long instead of a count, e.g. 2m.")
    private String telemetryDuration;

    @Option(names = "--payload", paramLabel = "TEMPLATE", description = "Message body with $${deviceId}, $${index}, $${sequence}, $${time},"
            + " $${random:LOW:HIGH}.")
    private String payload;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of keys, identities, payloads and jitter (default 1).")
    private Long seed;

    @Option(names = "--connection", paramLabel = "MODEL", description = "per-device (a new connection per request, as devices waking"
            + " up do; the default) or shared-pool (keep-alive connections shared by symmetric-key devices, for raw throughput).")
    private String connection;

    @Option(names = "--transport", paramLabel = "MIX", description = "How devices reach DPS and their hub: https (the default), mqtt"
            + " (MQTT over TLS), mqtt-ws (MQTT over WebSockets), or a weighted mix such as mqtt:70,https:30 (or mqtt=70,https=30);"
            + " each device draws its own from the weights with the seed, so a run repeats exactly. The report splits by transport.")
    private String transport;

    @Option(names = "--shard", paramLabel = "I/N", description = "Run only devices whose index i has i %% N == I.")
    private String shard;

    @Option(names = "--shard-count", paramLabel = "N", description = "With JOB_COMPLETION_INDEX set (Kubernetes Indexed Job): --shard $JOB_COMPLETION_INDEX/N.")
    private Integer shardCount;

    @Option(names = "--deadline", paramLabel = "DURATION", description = "Each device's registration deadline (default 5m).")
    private String deadline;

    @Option(names = "--poll-interval", paramLabel = "DURATION", description = "Poll the operation this often instead of honouring Retry-After.")
    private String pollInterval;

    @Option(names = "--threshold", paramLabel = "EXPR", description = "Fail the run (exit 1) unless this holds, e.g."
            + " 'p99(register)<2s', 'rate(errors)<0.01', 'count(failed)==0'; repeatable, and added to the spec file's \"thresholds\"."
            + " AGGREGATE(METRIC) OP VALUE: p50|p75|p90|p95|p99|p99.9|min|max|avg(register|poll|time-to-assigned|telemetry) with"
            + " a duration, or rate|count(errors|failed|retries) with a number.")
    private List<String> thresholds = List.of();

    @Option(names = "--report", paramLabel = "DIR", description = "Write report.json and report.html here.")
    private Path report;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The data directory of `dpsrig serve` (default: $DPSRIG_DATA_DIR, else the nearest dpsrig-data/ here or above).")
    private Path dataDir;

    @Option(names = "--identity-cache", paramLabel = "DIR", description = "Cache X.509 device identities here (PEM files) between runs.")
    private Path identityCache;

    /** Tests substitute the environment. */
    Function<String, String> environment = System::getenv;

    @Override
    public Integer call() throws InterruptedException {
        FleetSpec fleet = fleetSpec();
        List<String> judged = thresholds();
        PrintWriter out = spec.commandLine().getOut();
        SimulatorSettings simulator = SimulatorSettings.read(Optional.ofNullable(dataDir), Optional.empty());
        DevSettings settings = simulator.settings();
        Path file = simulator.file();
        List<X509Certificate> roots = settings.trustedRoots();
        DpsEndpoint endpoint = DpsEndpoint.of(settings.globalEndpoint(), settings.idScope(), roots);
        FleetCredentials credentials = new FleetCredentials(fleet, Optional.ofNullable(identityCache));
        out.printf(Locale.ROOT, "fleet: %d devices (shard %s: %d), %s over %s, against %s (ID scope %s), %s connections, seed %d%n",
                fleet.devices(), fleet.shard(), fleet.shard().size(fleet.devices()), FleetSpec.mixText(fleet.mix()),
                FleetSpec.transportText(fleet.transports()), settings.globalEndpoint(), settings.idScope(),
                FleetSpec.connectionName(fleet.connection()), fleet.seed());
        out.flush();
        if (fleet.enroll()) {
            try (ServiceApiClient service = new ServiceApiClient(settings.connection(), ServiceTrust.only(roots),
                    ConnectionOptions.unreachable("the simulator", EndpointUnreachableException.Origin.settings(file)))) {
                long started = System.nanoTime();
                int written = credentials.enroll(service, 32);
                out.printf(Locale.ROOT, "enrolled: %d group(s)/enrollment(s) in %.1f s%n", written, (System.nanoTime() - started) / 1e9);
                out.flush();
            }
        }
        FleetReport result;
        try {
            result = new FleetRunner(fleet, endpoint, settings.mqtt(), credentials, progress(out)).run().withThresholds(judged);
        } catch (FleetUnreachableException e) {
            if (System.console() != null) {
                out.println();
                out.flush();
            }
            throw new EndpointUnreachableException(e.what(), e.endpoint(), e.connectFailure(),
                    e.what().equals("DPS") ? EndpointUnreachableException.Origin.settings(file)
                            : new EndpointUnreachableException.Origin("assigned by DPS", false), e);
        }
        if (System.console() != null) {
            out.println();
        }
        out.print(SummaryTable.render(result));
        if (report != null) {
            result.write(report);
            out.println("report: " + report.resolve(FleetReport.JSON_FILE) + ", " + report.resolve(FleetReport.HTML_FILE));
        }
        out.flush();
        return result.verdict().passed() ? 0 : 1;
    }

    private Consumer<FleetRunner.Progress> progress(PrintWriter out) {
        boolean live = System.console() != null;
        int[] ticks = {0};
        return progress -> {
            synchronized (out) {
                if (live) {
                    out.print("\r" + progress.line() + "   ");
                } else if (++ticks[0] % 5 == 0) {
                    out.println(progress.line());
                }
                out.flush();
            }
        };
    }

    /** The spec file's thresholds, then those of the flags; a bad one is a usage error naming it. */
    List<String> thresholds() {
        List<String> all = new ArrayList<>();
        JsonObject file = specFileJson();
        try {
            if (file.containsKey(FleetReport.THRESHOLDS)) {
                file.getJsonArray(FleetReport.THRESHOLDS).getValuesAs(JsonString::getString).forEach(all::add);
            }
            all.addAll(thresholds);
            all.forEach(Threshold::parse);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new ParameterException(spec.commandLine(), (specFile != null ? specFile + ": " : "") + e.getMessage());
        }
        return all;
    }

    private JsonObject specFileJson() {
        if (specFile == null) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (Reader text = Files.newBufferedReader(specFile); JsonReader reader = Jsonp.createReader(text)) {
            return reader.readObject();
        } catch (IOException | RuntimeException e) {
            throw new ParameterException(spec.commandLine(), "--spec " + specFile + ": " + e.getMessage());
        }
    }

    FleetSpec fleetSpec() {
        JsonObjectBuilder json = Jsonp.createObjectBuilder(specFileJson());
        // Thresholds judge the report; they are no setting of the fleet itself.
        json.remove(FleetReport.THRESHOLDS);
        put(json, "devices", devices);
        put(json, "idPattern", idPattern);
        put(json, "attestation", attestation);
        put(json, "keyType", keyType);
        if (enroll != null) {
            json.add("enroll", enroll);
        }
        put(json, "enrollmentGroup", enrollmentGroup);
        put(json, "ramp", ramp);
        put(json, "concurrency", concurrency);
        put(json, "telemetryInterval", telemetryInterval);
        put(json, "telemetryCount", telemetryCount);
        put(json, "telemetryDuration", telemetryDuration);
        put(json, "payload", payload);
        put(json, "seed", seed);
        put(json, "connection", connection);
        put(json, "transport", transport);
        put(json, "deadline", deadline);
        put(json, "pollInterval", pollInterval);
        JsonObject merged = json.build();
        try {
            Optional<String> fromSpec = Optional.ofNullable(merged.getString("shard", null));
            Shard resolved = Shard.resolve(Optional.ofNullable(shard).or(() -> shardCount == null ? fromSpec : Optional.empty()),
                    Optional.ofNullable(shardCount), Optional.ofNullable(environment.apply("JOB_COMPLETION_INDEX")));
            return FleetSpec.parse(merged).withShard(resolved);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new ParameterException(spec.commandLine(), (specFile != null ? specFile + ": " : "") + e.getMessage());
        }
    }

    private static void put(JsonObjectBuilder json, String key, Object value) {
        switch (value) {
            case null -> {
            }
            case String text -> json.add(key, text);
            case Integer number -> json.add(key, number);
            case Long number -> json.add(key, number);
            case Double number -> json.add(key, number);
            default -> throw new IllegalStateException(key);
        }
    }
}
