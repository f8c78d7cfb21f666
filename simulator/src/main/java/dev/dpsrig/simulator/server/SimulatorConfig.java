package dev.dpsrig.simulator.server;

import dev.dpsrig.simulator.fault.FaultRule;
import dev.dpsrig.simulator.http.ConnectionLimits;
import dev.dpsrig.simulator.hub.CloudToDeviceSettings;
import dev.dpsrig.simulator.log.RequestLog;
import dev.dpsrig.simulator.quota.QuotaProfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to start a {@link LocalSimulator}. The defaults are a well-known development identity,
 * like a local cloud emulator's development account: ID scope {@value #DEFAULT_ID_SCOPE}, service
 * policy {@value #SERVICE_POLICY} with {@link #DEFAULT_SERVICE_KEY}, one hub, loopback only.
 */
public final class SimulatorConfig {
    public static final String DEFAULT_ID_SCOPE = "0ne00000001";
    public static final String SERVICE_POLICY = "provisioningserviceowner";
    /** base64 of the 32 ASCII bytes {@code dpsrig-development-service-key-1}. */
    public static final String DEFAULT_SERVICE_KEY =
            Base64.getEncoder().encodeToString("dpsrig-development-service-key-1".getBytes(StandardCharsets.US_ASCII));
    public static final String DEFAULT_HUB = "dpsrig-hub";

    /** A hub to simulate: its name, port (0 = any free one), allocation weight and latency. */
    public record HubSpec(String name, int port, int weight, Duration latency) {
        public HubSpec {
            if (!name.matches("[A-Za-z0-9-]{3,50}")) {
                throw new IllegalArgumentException("hub name '" + name + "' must be 3-50 letters, digits or dashes");
            }
        }

        public static HubSpec named(String name, int port) {
            return new HubSpec(name, port, 1, Duration.ZERO);
        }
    }

    final EndpointLayout layout;
    final List<HubSpec> hubs;
    final String idScope;
    final String serviceKey;
    final String adminKey;
    final Optional<Path> dataDirectory;
    final boolean keepState;
    final Optional<Path> tlsDirectory;
    final List<String> tlsNames;
    final Duration assignmentDelay;
    final CloudToDeviceSettings cloudToDevice;
    final List<FaultRule> faultRules;
    final QuotaProfile quotaProfile;
    final ConnectionLimits connectionLimits;
    final boolean strictApiVersions;
    final RequestLog requestLog;
    final Clock clock;

    private SimulatorConfig(Builder builder) {
        this.layout = builder.sdkLayout != null
                ? new EndpointLayout.SdkCompatible(builder.sdkLayout.first(), Optional.ofNullable(builder.advertisedHost))
                : new EndpointLayout.Ports(builder.host, builder.advertisedHost != null ? builder.advertisedHost
                : builder.host.equals("0.0.0.0") || builder.host.equals("::") || builder.host.equals("127.0.0.1")
                ? "localhost" : builder.host, builder.dpsPort, builder.mqttPort);
        int defaultHubPort = builder.sdkLayout != null || builder.dpsPort == 0 ? 0 : builder.dpsPort + 1;
        this.hubs = builder.hubs.isEmpty() ? List.of(HubSpec.named(DEFAULT_HUB, defaultHubPort)) : List.copyOf(builder.hubs);
        for (int i = 0; i < hubs.size(); i++) {
            layout.hub(i, hubs.get(i));
        }
        this.idScope = builder.idScope;
        this.serviceKey = builder.serviceKey;
        this.adminKey = builder.adminKey != null ? builder.adminKey : builder.serviceKey;
        this.dataDirectory = Optional.ofNullable(builder.dataDirectory);
        this.keepState = builder.dataDirectory != null && builder.keepState;
        this.tlsDirectory = Optional.ofNullable(builder.tlsDirectory);
        this.tlsNames = List.copyOf(builder.tlsNames);
        this.assignmentDelay = builder.assignmentDelay;
        this.cloudToDevice = builder.cloudToDevice;
        this.faultRules = List.copyOf(builder.faultRules);
        this.quotaProfile = builder.quotaProfile;
        this.connectionLimits = builder.connectionLimits;
        this.strictApiVersions = builder.strictApiVersions;
        this.requestLog = builder.requestLog;
        this.clock = builder.clock;
    }

    /** Which layout this is, in one line for a start-up banner. */
    public String layoutDescription() {
        return layout.describe();
    }

    /** Whether the service API or the admin API takes the published development key. */
    public boolean developmentKeyInForce() {
        return serviceKey.equals(DEFAULT_SERVICE_KEY) || adminKey.equals(DEFAULT_SERVICE_KEY);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** For tests: in memory, ephemeral ports, no assignment delay. */
    public static SimulatorConfig forTests() {
        return builder().assignmentDelay(Duration.ZERO).build();
    }

    public static final class Builder {
        private String host = "127.0.0.1";
        private String advertisedHost;
        private int dpsPort;
        private int mqttPort;
        private EndpointLayout.SdkCompatible sdkLayout;
        private boolean keepState = true;
        private final List<HubSpec> hubs = new ArrayList<>();
        private String idScope = DEFAULT_ID_SCOPE;
        private String serviceKey = DEFAULT_SERVICE_KEY;
        private String adminKey;
        private Path dataDirectory;
        private Path tlsDirectory;
        private final List<String> tlsNames = new ArrayList<>();
        private Duration assignmentDelay = Duration.ofMillis(500);
        private CloudToDeviceSettings cloudToDevice = CloudToDeviceSettings.AZURE_DEFAULTS;
        private final List<FaultRule> faultRules = new ArrayList<>();
        private QuotaProfile quotaProfile = QuotaProfile.OFF;
        private ConnectionLimits connectionLimits = ConnectionLimits.DEFAULTS;
        private boolean strictApiVersions;
        private RequestLog requestLog = RequestLog.OFF;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * The {@linkplain EndpointLayout.SdkCompatible SDK-compatible layout}: DPS on {@code firstAddress:443}
         * and each hub on a loopback address after it, as real SDKs need. {@link #host} and {@link #dpsPort}
         * describe the port layout instead and no longer apply.
         */
        public Builder sdkLayout(String firstAddress) {
            this.sdkLayout = EndpointLayout.SdkCompatible.at(firstAddress);
            return this;
        }

        /** The port layout (the default) after all, e.g. when 443 cannot be bound. */
        public Builder portLayout() {
            this.sdkLayout = null;
            return this;
        }

        /** The address to bind in the port layout; loopback unless a bench needs the network. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** The host name clients are told (in {@code assignedHub} and {@code dev-settings.json}). */
        public Builder advertisedHost(String advertisedHost) {
            this.advertisedHost = Objects.requireNonNull(advertisedHost);
            return this;
        }

        /** The DPS port in the port layout; 0 picks a free port. */
        public Builder dpsPort(int port) {
            this.dpsPort = port;
            return this;
        }

        /** The DPS's MQTT port in the port layout, the hubs' on the ports after it; 0 (the default) picks free ports. */
        public Builder mqttPort(int port) {
            this.mqttPort = port;
            return this;
        }

        public Builder addHub(HubSpec hub) {
            if (hubs.stream().anyMatch(h -> h.name().equalsIgnoreCase(hub.name()))) {
                throw new IllegalArgumentException("hub '" + hub.name() + "' is given twice");
            }
            hubs.add(hub);
            return this;
        }

        /** Lock timeout, delivery count, queue depth and time to live of cloud-to-device messages; IoT Hub's by default. */
        public Builder cloudToDevice(CloudToDeviceSettings settings) {
            this.cloudToDevice = Objects.requireNonNull(settings);
            return this;
        }

        /** Fault rules armed from the start (more can be added while it runs). */
        public Builder faultRules(List<FaultRule> rules) {
            this.faultRules.addAll(rules);
            return this;
        }

        /** The quotas to enforce; {@link QuotaProfile#OFF} by default. */
        public Builder quotaProfile(QuotaProfile profile) {
            this.quotaProfile = Objects.requireNonNull(profile);
            return this;
        }

        public Builder idScope(String idScope) {
            if (!idScope.matches("[A-Za-z0-9]{1,64}")) {
                throw new IllegalArgumentException("ID scope '" + idScope + "' must be letters and digits");
            }
            this.idScope = idScope;
            return this;
        }

        public Builder serviceKey(String serviceKey) {
            this.serviceKey = Objects.requireNonNull(serviceKey);
            return this;
        }

        /**
         * The key of the simulator's own admin API ({@code /dpsrig/...}: hubs, faults, quotas), signed into SAS tokens
         * for policy {@value #SERVICE_POLICY} as the service key is; the service key unless set. A separate one lets a
         * test hand out the service connection string without handing out control of faults and hubs.
         */
        public Builder adminKey(String adminKey) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(adminKey);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the admin key must be base64, as a shared access key is");
            }
            if (key.length == 0) {
                throw new IllegalArgumentException("the admin key is empty");
            }
            this.adminKey = adminKey;
            return this;
        }

        /** Timeouts and the per-address connection cap of every listener; {@link ConnectionLimits#DEFAULTS} unless set. */
        public Builder connectionLimits(ConnectionLimits limits) {
            this.connectionLimits = Objects.requireNonNull(limits);
            return this;
        }

        /**
         * Azure's {@code api-version} rules ({@code dpsrig serve --strict}): the DPS device and service APIs and the hubs'
         * device API, over HTTPS and MQTT, refuse a request with none or one Azure does not answer. Unless set, any is taken.
         */
        public Builder strictApiVersions() {
            this.strictApiVersions = true;
            return this;
        }

        /**
         * Where each HTTP request and MQTT exchange is written ({@code dpsrig serve --log requests});
         * {@link RequestLog#OFF} unless set.
         */
        public Builder requestLog(RequestLog log) {
            this.requestLog = Objects.requireNonNull(log);
            return this;
        }

        /**
         * Where {@code dev-settings.json}, the TLS material and (unless {@link #inMemory()}) the state live;
         * without one the simulator works in a temporary folder it deletes when closed.
         */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = Objects.requireNonNull(dataDirectory);
            return this;
        }

        /**
         * State in memory only, even with a {@link #dataDirectory}, which then keeps just the settings and the
         * TLS material, so the root CA clients trust stays the same from start to start.
         */
        public Builder inMemory() {
            this.keepState = false;
            return this;
        }

        /**
         * Where the development CA and server certificate are kept, when not in the data directory: a bench
         * whose boards were told once to trust the CA keeps it while each test run starts with fresh state.
         */
        public Builder tlsDirectory(Path tlsDirectory) {
            this.tlsDirectory = Objects.requireNonNull(tlsDirectory);
            return this;
        }

        /** An extra DNS name or IP for the TLS server certificate. */
        public Builder addTlsName(String name) {
            tlsNames.add(name);
            return this;
        }

        public Builder assignmentDelay(Duration delay) {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("assignment delay must not be negative");
            }
            this.assignmentDelay = delay;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public SimulatorConfig build() {
            return new SimulatorConfig(this);
        }
    }
}
