package dev.dpsrig.app.cli.serve;

import dev.dpsrig.emulator.client.DataDirectory;
import dev.dpsrig.simulator.fault.FaultFiles;
import dev.dpsrig.simulator.quota.QuotaProfile;
import dev.dpsrig.simulator.server.EndpointLayout;
import dev.dpsrig.simulator.server.ListenException;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dpsrig serve}: the local DPS and its hubs, until SIGINT or SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the local DPS simulator (device and service API on one endpoint) and its IoT hubs, over HTTPS.",
                "Layouts: sdk (DPS on 127.0.0.1:443, each hub on the next loopback address, port 443: dotted hosts with no"
                        + " port, as the Azure SDKs need; binding 443 needs root or CAP_NET_BIND_SERVICE) or ports (one address,"
                        + " a port each: curl and dpsrig's devices only). auto takes sdk where 443 can be bound, and says which it took.",
                "Writes DATA_DIR/dev-settings.json with the endpoints, ID scope, service connection string, hubs and the"
                        + " root certificate to trust, then runs until interrupted."})
public final class ServeCommand implements Callable<Integer> {
    static final int DEFAULT_PORT = 8443;

    /** Which layout to run. */
    enum Layout { AUTO, SDK, PORTS }

    @Spec
    private CommandSpec spec;

    @Option(names = "--layout", defaultValue = "auto", paramLabel = "auto|sdk|ports",
            converter = LayoutConverter.class, description = "Endpoint layout (default: ${DEFAULT-VALUE}); see above.")
    private Layout layout;

    @Option(names = "--address", defaultValue = EndpointLayout.SdkCompatible.DEFAULT_FIRST_ADDRESS, paramLabel = "127.X.Y.1",
            description = "SDK layout: the DPS address; hubs take the addresses after it (default: ${DEFAULT-VALUE}).")
    private String address;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where settings, TLS material and state live (default: $"
            + DataDirectory.ENVIRONMENT_VARIABLE + ", else the nearest dpsrig-data/ here or above, else ./dpsrig-data).")
    private Path dataDir;

    @Option(names = "--in-memory", description = "Keep no state between runs. Settings and TLS material go to --data-dir when"
            + " given (so the root CA stays the same from start to start), else to a temporary folder.")
    private boolean inMemory;

    @Option(names = "--host", description = "Ports layout: the address to bind (default: 127.0.0.1, loopback only).")
    private String host;

    @Option(names = "--advertised-host", description = "Host name devices are told for the DPS (ports layout: for the hubs"
            + " too; default: localhost when bound to loopback or all addresses, the address itself in the sdk layout).")
    private String advertisedHost;

    @Option(names = "--port", description = "Ports layout: the DPS port; 0 picks a free one (default: " + DEFAULT_PORT + ").")
    private Integer port;

    @Option(names = "--mqtt-port", description = "Ports layout: the DPS's MQTT (TLS) port, each hub's on the ports after it,"
            + " so they can be published from a container; 0 picks free ones (default: 0).")
    private Integer mqttPort;

    @Option(names = "--hub", paramLabel = "NAME[:PORT]",
            description = "A linked IoT hub (repeatable). Default: one hub '" + SimulatorConfig.DEFAULT_HUB + "'. A port only in"
                    + " the ports layout (default: the ports after the DPS port).")
    private List<String> hubs = new ArrayList<>();

    @Option(names = "--id-scope", defaultValue = SimulatorConfig.DEFAULT_ID_SCOPE, description = "ID scope (default: ${DEFAULT-VALUE}).")
    private String idScope;

    @Option(names = "--service-key", description = "Key of the provisioningserviceowner policy (default: the documented development key).")
    private String serviceKey;

    @Option(names = "--admin-key", paramLabel = "KEY", description = "Key (base64) of the simulator's admin API (/dpsrig/...: hubs,"
            + " faults, quotas), so the service connection string can be handed out without it; written to dev-settings.json as"
            + " adminKey, where dpsrig hub, faults and quotas find it (default: the service key).")
    private String adminKey;

    @Mixin
    private ConnectionLimitOptions connectionLimits;

    @Mixin
    private EmulatorModeOptions mode;

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
        PrintWriter out = spec.commandLine().getOut();
        LocalSimulator simulator = start(out);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean closed = new AtomicBoolean();
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) {
                simulator.close();
            }
        };
        Thread hook = new Thread(() -> {
            close.run();
            stopped.countDown();
        }, "dpsrig-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        ServeBanner.print(simulator, out);
        try {
            stopped.await();
        } finally {
            // Interrupted rather than signalled (an embedding test, a launcher thread): stop all the same.
            close.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or has run; nothing to remove.
            }
        }
        return 0;
    }

    /**
     * Starts the layout asked for. {@code auto} tries the SDK-compatible layout and falls back to the
     * ports layout only when 443 cannot be bound for want of privilege or a loopback address, saying so.
     */
    private LocalSimulator start(PrintWriter out) {
        boolean portsAsked = layout == Layout.PORTS || (layout == Layout.AUTO && (host != null || port != null || mqttPort != null));
        if (layout == Layout.SDK && (host != null || port != null || mqttPort != null)) {
            throw new ParameterException(spec.commandLine(), "--host, --port and --mqtt-port belong to the ports layout; the sdk"
                    + " layout listens on 443 and 8883 at --address and the addresses after it");
        }
        if (portsAsked) {
            out.println("dpsrig: " + config(false).layoutDescription()
                    + (layout == Layout.PORTS ? " (--layout ports)" : " (" + String.join(", ", givenPortOptions()) + " given)"));
            try {
                return LocalSimulator.start(config(false));
            } catch (ListenException e) {
                throw new IllegalStateException(e.getMessage()
                        + (e.reason() == ListenException.Reason.IN_USE ? "; stop it, or pick another --port (0: any free one)" : ""), e);
            }
        }
        SimulatorConfig sdk = config(true);
        try {
            LocalSimulator simulator = LocalSimulator.start(sdk);
            out.println("dpsrig: " + sdk.layoutDescription());
            return simulator;
        } catch (ListenException e) {
            if (!fallsBack(layout, e.reason())) {
                throw new IllegalStateException(e.getMessage()
                        + (e.reason() == ListenException.Reason.IN_USE ? "; stop it, or use --address 127.0.1.1, or --layout ports" : ""), e);
            }
            SimulatorConfig ports = config(false);
            out.println("dpsrig: " + ports.layoutDescription() + "; the sdk layout was not possible: " + e.getMessage());
            return LocalSimulator.start(ports);
        }
    }

    /** Which of the options that mean the ports layout the command line holds. */
    private List<String> givenPortOptions() {
        List<String> given = new ArrayList<>();
        if (host != null) {
            given.add("--host");
        }
        if (port != null) {
            given.add("--port");
        }
        if (mqttPort != null) {
            given.add("--mqtt-port");
        }
        return given;
    }

    /**
     * Whether {@code auto} settles for the ports layout: only when 443 cannot be had at all here (no
     * privilege, no such loopback address). An address another process holds is an error to report,
     * not a reason to start somewhere clients were not told about.
     */
    static boolean fallsBack(Layout layout, ListenException.Reason reason) {
        return layout == Layout.AUTO
                && (reason == ListenException.Reason.NEEDS_PRIVILEGE || reason == ListenException.Reason.NO_SUCH_ADDRESS);
    }

    private SimulatorConfig config(boolean sdkLayout) {
        SimulatorConfig.Builder builder = SimulatorConfig.builder();
        int dpsPort = port != null ? port : DEFAULT_PORT;
        try {
            if (sdkLayout) {
                builder.sdkLayout(address);
            } else {
                builder.host(host != null ? host : "127.0.0.1").dpsPort(dpsPort).mqttPort(mqttPort != null ? mqttPort : 0);
            }
            builder.idScope(idScope).assignmentDelay(Duration.ofMillis(assignmentDelayMillis));
            if (advertisedHost != null) {
                builder.advertisedHost(advertisedHost);
            }
            if (serviceKey != null) {
                builder.serviceKey(serviceKey);
            }
            if (adminKey != null) {
                builder.adminKey(adminKey);
            }
            builder.connectionLimits(connectionLimits.limits());
            mode.applyTo(builder, spec.commandLine().getOut());
            if (!inMemory) {
                builder.dataDirectory(DataDirectory.forServer(Optional.ofNullable(dataDir)).path());
            } else if (dataDir != null) {
                builder.dataDirectory(dataDir).inMemory();
            }
            tlsNames.forEach(builder::addTlsName);
            builder.quotaProfile(QuotaProfile.parse(quotaProfile));
            if (faultsFile != null) {
                AtomicInteger number = new AtomicInteger();
                builder.faultRules(FaultFiles.read(faultsFile, () -> "rule-" + number.incrementAndGet()));
            }
            for (int i = 0; i < hubs.size(); i++) {
                builder.addHub(hub(hubs.get(i), i, sdkLayout ? 0 : dpsPort));
            }
            if (dpsPort < 0 || dpsPort > 65535) {
                throw new IllegalArgumentException("--port must be 0..65535, not " + dpsPort);
            }
            if (mqttPort != null && (mqttPort < 0 || mqttPort + hubs.size() > 65535)) {
                throw new IllegalArgumentException("--mqtt-port must be 0..65535 with a port left for each hub, not " + mqttPort);
            }
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** {@code name} or {@code name:port}; without a port, hubs take the ports after the DPS port (any port in the sdk layout). */
    private SimulatorConfig.HubSpec hub(String value, int index, int dpsPort) {
        int colon = value.lastIndexOf(':');
        if (colon < 0) {
            return SimulatorConfig.HubSpec.named(value, dpsPort == 0 ? 0 : dpsPort + 1 + index);
        }
        try {
            return SimulatorConfig.HubSpec.named(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--hub '" + value + "': the port after ':' is not a number");
        }
    }

    static final class LayoutConverter implements picocli.CommandLine.ITypeConverter<Layout> {
        @Override
        public Layout convert(String value) {
            return switch (value.toLowerCase(java.util.Locale.ROOT)) {
                case "auto" -> Layout.AUTO;
                case "sdk", "sdk-compatible" -> Layout.SDK;
                case "ports", "port" -> Layout.PORTS;
                default -> throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not auto, sdk or ports");
            };
        }
    }
}
