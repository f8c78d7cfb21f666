package dev.dpsrig.junit;

import dev.dpsrig.certs.Certificates;
import dev.dpsrig.certs.TlsContexts;
import dev.dpsrig.protocol.settings.DevSettingsDocument;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The local DPS and its IoT hubs, running in-process for JUnit 5 tests: DPS (device and service API) and
 * each hub on a free loopback port over HTTPS and MQTT, state in memory, its development root CA made afresh.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final DpsrigSimulatorExtension dps = DpsrigSimulatorExtension.inMemory();
 * }</pre>
 *
 * <p>In a static field one simulator serves the whole class (and its {@code @Nested} classes); in an instance
 * field every test gets a simulator of its own. Test and lifecycle methods may take a {@link LocalSimulator},
 * a {@link DevSettingsDocument} or an {@link SSLContext} trusting the simulator as parameters. Register one
 * such extension per class: two would both offer those parameters.
 */
public final class DpsrigSimulatorExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final Set<Class<?>> PARAMETER_TYPES = Set.of(LocalSimulator.class, DevSettingsDocument.class, SSLContext.class);

    private final SimulatorConfig config;
    private LocalSimulator simulator;
    private int classDepth;

    private DpsrigSimulatorExtension(SimulatorConfig config) {
        this.config = config;
    }

    /** The simulator as {@link SimulatorConfig#forTests()} starts it: one hub {@value SimulatorConfig#DEFAULT_HUB}, ID scope
     * {@value SimulatorConfig#DEFAULT_ID_SCOPE}, the development service key, registrations assigned without delay. */
    public static DpsrigSimulatorExtension inMemory() {
        return builder().build();
    }

    /** A simulator with other hubs or another ID scope. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (classDepth++ == 0) {
            simulator = LocalSimulator.start(config);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (--classDepth == 0) {
            stop();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (classDepth == 0) {
            simulator = LocalSimulator.start(config);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (classDepth == 0) {
            stop();
        }
    }

    private void stop() {
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return PARAMETER_TYPES.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (simulator == null) {
            throw new ParameterResolutionException("the dpsrig simulator is not running when " + parameter.getDeclaringExecutable()
                    + " is called: it starts before @BeforeAll methods from a static field, before @BeforeEach methods from an instance field");
        }
        Class<?> type = parameter.getParameter().getType();
        return type == LocalSimulator.class ? simulator : type == DevSettingsDocument.class ? devSettings() : sslContext();
    }

    /**
     * The running simulator, for what a test inspects or arranges in-process: {@code service()} (enrollments, groups,
     * CA certificates), {@code iotHub(name)} (devices, received messages, cloud-to-device), {@code faults()}.
     *
     * @throws IllegalStateException outside a test of the class that registered this extension
     */
    public LocalSimulator simulator() {
        if (simulator == null) {
            throw new IllegalStateException("the dpsrig simulator is not running: register this extension with @RegisterExtension"
                    + " and use it from a test or a lifecycle method of that class");
        }
        return simulator;
    }

    /** What the simulator wrote to {@code dev-settings.json}: every value a client is configured with. */
    public DevSettingsDocument devSettings() {
        return DevSettingsDocument.fromJson(simulator().devSettings());
    }

    public String idScope() {
        return simulator().idScope();
    }

    /** What devices use in place of {@code global.azure-devices-provisioning.net}: {@code localhost:port}. */
    public String globalEndpoint() {
        return simulator().globalEndpoint();
    }

    /** {@code https://} and the {@linkplain #globalEndpoint() global endpoint}: the base of the device and service API. */
    public String dpsBaseUrl() {
        return simulator().dpsBaseUrl();
    }

    /** The DPS service connection string ({@code HostName=...;SharedAccessKeyName=...;SharedAccessKey=...}). */
    public String serviceConnectionString() {
        return simulator().serviceConnectionString();
    }

    /** The development root CA every endpoint's TLS certificate chains to. */
    public X509Certificate trustedRootCertificate() {
        return simulator().trustedRoot();
    }

    /** The same root CA as PEM text, for clients configured with a certificate file's contents. */
    public String trustedRootCertificatePem() {
        return Certificates.toPem(trustedRootCertificate());
    }

    /** A TLS client context that trusts the simulator's root CA and nothing else, for HTTPS, MQTT and WebSocket clients. */
    public SSLContext sslContext() {
        return TlsContexts.client(List.of(trustedRootCertificate()));
    }

    /** Builds a {@link DpsrigSimulatorExtension} from what {@link SimulatorConfig} offers a test. */
    public static final class Builder {
        private final SimulatorConfig.Builder config = SimulatorConfig.builder().assignmentDelay(Duration.ZERO);

        private Builder() {
        }

        /**
         * A hub to simulate, on a free port; the first one given replaces the default hub {@value SimulatorConfig#DEFAULT_HUB}.
         *
         * @throws IllegalArgumentException for a name IoT Hub would refuse (3-50 letters, digits or dashes) or given twice
         */
        public Builder withHub(String name) {
            config.addHub(SimulatorConfig.HubSpec.named(name, 0));
            return this;
        }

        /** @throws IllegalArgumentException unless letters and digits */
        public Builder withIdScope(String idScope) {
            config.idScope(idScope);
            return this;
        }

        /** How long a registration stays {@code assigning}; none unless set. */
        public Builder withAssignmentDelay(Duration delay) {
            config.assignmentDelay(delay);
            return this;
        }

        public DpsrigSimulatorExtension build() {
            return new DpsrigSimulatorExtension(config.build());
        }
    }
}
