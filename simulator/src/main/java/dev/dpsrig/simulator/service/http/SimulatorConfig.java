package dev.dpsrig.simulator.service.http;

import dev.dpsrig.simulator.service.fault.FaultRule;
import dev.dpsrig.simulator.service.hub.CloudToDeviceSettings;
import dev.dpsrig.simulator.service.quota.QuotaProfile;
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

    final String host;
    final String advertisedHost;
    final int dpsPort;
    final List<HubSpec> hubs;
    final String idScope;
    final String serviceKey;
    final Optional<Path> dataDirectory;
    final Optional<Path> tlsDirectory;
    final List<String> tlsNames;
    final Duration assignmentDelay;
    final CloudToDeviceSettings cloudToDevice;
    final List<FaultRule> faultRules;
    final QuotaProfile quotaProfile;
    final Clock clock;

    private SimulatorConfig(Builder builder) {
        this.host = builder.host;
        this.advertisedHost = builder.advertisedHost != null ? builder.advertisedHost
                : builder.host.equals("0.0.0.0") || builder.host.equals("::") || builder.host.equals("127.0.0.1")
                ? "localhost" : builder.host;
        this.dpsPort = builder.dpsPort;
        this.hubs = builder.hubs.isEmpty() ? List.of(HubSpec.named(DEFAULT_HUB, builder.dpsPort == 0 ? 0 : builder.dpsPort + 1))
                : List.copyOf(builder.hubs);
        this.idScope = builder.idScope;
        this.serviceKey = builder.serviceKey;
        this.dataDirectory = Optional.ofNullable(builder.dataDirectory);
        this.tlsDirectory = Optional.ofNullable(builder.tlsDirectory);
        this.tlsNames = List.copyOf(builder.tlsNames);
        this.assignmentDelay = builder.assignmentDelay;
        this.cloudToDevice = builder.cloudToDevice;
        this.faultRules = List.copyOf(builder.faultRules);
        this.quotaProfile = builder.quotaProfile;
        this.clock = builder.clock;
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
        private final List<HubSpec> hubs = new ArrayList<>();
        private String idScope = DEFAULT_ID_SCOPE;
        private String serviceKey = DEFAULT_SERVICE_KEY;
        private Path dataDirectory;
        private Path tlsDirectory;
        private final List<String> tlsNames = new ArrayList<>();
        private Duration assignmentDelay = Duration.ofMillis(500);
        private CloudToDeviceSettings cloudToDevice = CloudToDeviceSettings.AZURE_DEFAULTS;
        private final List<FaultRule> faultRules = new ArrayList<>();
        private QuotaProfile quotaProfile = QuotaProfile.OFF;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The address to bind; loopback unless a bench needs the network. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** The host name clients are told (in {@code assignedHub} and {@code dev-settings.json}). */
        public Builder advertisedHost(String advertisedHost) {
            this.advertisedHost = Objects.requireNonNull(advertisedHost);
            return this;
        }

        /** 0 picks a free port. */
        public Builder dpsPort(int port) {
            this.dpsPort = port;
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

        /** Where state survives restarts; without one the simulator keeps state in memory only. */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = Objects.requireNonNull(dataDirectory);
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
