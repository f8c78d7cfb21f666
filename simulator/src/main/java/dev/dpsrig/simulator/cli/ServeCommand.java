package dev.dpsrig.simulator.cli;

import dev.dpsrig.simulator.service.fault.FaultFiles;
import dev.dpsrig.simulator.service.http.LocalSimulator;
import dev.dpsrig.simulator.service.http.SimulatorConfig;
import dev.dpsrig.simulator.service.quota.QuotaProfile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dpsrig serve}: the local DPS and its hubs, until SIGINT or SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the local DPS simulator (device and service API on one port) and its IoT hubs (a port each), over HTTPS.",
                "Writes DATA_DIR/dev-settings.json with the endpoint, ID scope, service connection string, hubs and the"
                        + " root certificate to trust, then runs until interrupted."})
public final class ServeCommand implements Callable<Integer> {
    static final Path DEFAULT_DATA_DIR = Path.of("dpsrig-data");

    @Spec
    private CommandSpec spec;

    @Option(names = "--data-dir", description = "Where state and TLS material live (default: ./dpsrig-data).")
    private Path dataDir;

    @Option(names = "--in-memory", description = "Keep no state between runs (TLS material and dev-settings.json go to a temporary folder).")
    private boolean inMemory;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}, loopback only).")
    private String host;

    @Option(names = "--advertised-host", description = "Host name devices are told (default: localhost when bound to loopback or all addresses).")
    private String advertisedHost;

    @Option(names = "--port", defaultValue = "8443", description = "DPS port; 0 picks a free one; 443 works where you may bind it (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--hub", paramLabel = "NAME[:PORT]",
            description = "A linked IoT hub (repeatable). Default: one hub '" + SimulatorConfig.DEFAULT_HUB + "' on port+1.")
    private List<String> hubs = new ArrayList<>();

    @Option(names = "--id-scope", defaultValue = SimulatorConfig.DEFAULT_ID_SCOPE, description = "ID scope (default: ${DEFAULT-VALUE}).")
    private String idScope;

    @Option(names = "--service-key", description = "Key of the provisioningserviceowner policy (default: the documented development key).")
    private String serviceKey;

    @Option(names = "--tls-san", paramLabel = "NAME", description = "Extra DNS name or IP in the server certificate (repeatable),"
            + " e.g. global.azure-devices-provisioning.net for a board with a hard-coded host.")
    private List<String> tlsNames = new ArrayList<>();

    @Option(names = "--assignment-delay", defaultValue = "500", paramLabel = "MILLIS",
            description = "How long a registration stays 'assigning' (default: ${DEFAULT-VALUE} ms).")
    private long assignmentDelayMillis;

    @Option(names = "--faults", paramLabel = "FILE",
            description = "A fault plan to arm at start: a JSON or YAML list of rules (see `dpsrig faults add --help`).")
    private Path faultsFile;

    @Option(names = "--quota-profile", defaultValue = "off", paramLabel = "PROFILE",
            description = "Quotas to enforce with 429s: off, azure-s1[:UNITS], azure-s3[:UNITS], or explicit ones like"
                    + " registrations=1000/min,operations=1000/min,polls=5/10s,d2c=100/s,c2d-receives=16.67/s (default: ${DEFAULT-VALUE}).")
    private String quotaProfile;

    @Override
    public Integer call() throws InterruptedException {
        if (inMemory && dataDir != null) {
            throw new ParameterException(spec.commandLine(), "--in-memory and --data-dir exclude each other");
        }
        SimulatorConfig config = config();
        LocalSimulator simulator = LocalSimulator.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "dpsrig-serve-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("dpsrig simulator ready: DPS " + simulator.dpsBaseUrl() + " (ID scope " + simulator.idScope() + "), hubs "
                + String.join(", ", simulator.hubs().stream().map(h -> h.name() + "=" + h.hostName()).toList())
                + (simulator.faults().rules().isEmpty() ? "" : "; " + simulator.faults().rules().size() + " fault rule(s) armed")
                + (simulator.quotaProfile().rates().isEmpty() ? "" : "; quotas " + simulator.quotaProfile())
                + "; settings in " + simulator.devSettingsFile());
        out.flush();
        stopped.await();
        return 0;
    }

    private SimulatorConfig config() {
        SimulatorConfig.Builder builder = SimulatorConfig.builder();
        try {
            builder.host(host).dpsPort(port).idScope(idScope).assignmentDelay(Duration.ofMillis(assignmentDelayMillis));
            if (advertisedHost != null) {
                builder.advertisedHost(advertisedHost);
            }
            if (serviceKey != null) {
                builder.serviceKey(serviceKey);
            }
            if (!inMemory) {
                builder.dataDirectory(dataDir != null ? dataDir : DEFAULT_DATA_DIR);
            }
            tlsNames.forEach(builder::addTlsName);
            builder.quotaProfile(QuotaProfile.parse(quotaProfile));
            if (faultsFile != null) {
                AtomicInteger number = new AtomicInteger();
                builder.faultRules(FaultFiles.read(faultsFile, () -> "rule-" + number.incrementAndGet()));
            }
            for (int i = 0; i < hubs.size(); i++) {
                builder.addHub(hub(hubs.get(i), i));
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be 0..65535, not " + port);
        }
        return builder.build();
    }

    /** {@code name} or {@code name:port}; without a port, hubs take the ports after the DPS port. */
    private SimulatorConfig.HubSpec hub(String value, int index) {
        int colon = value.lastIndexOf(':');
        if (colon < 0) {
            return SimulatorConfig.HubSpec.named(value, port == 0 ? 0 : port + 1 + index);
        }
        try {
            return SimulatorConfig.HubSpec.named(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--hub '" + value + "': the port after ':' is not a number");
        }
    }
}
