package dev.dpsrig.app.cli.shared;

import dev.dpsrig.certs.IdentityFiles;
import dev.dpsrig.emulator.client.DevSettings;
import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.emulator.client.ServiceConnectionException;
import dev.dpsrig.protocol.settings.ServiceConnectionString;
import dev.dpsrig.emulator.client.ServiceTrust;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Which DPS a {@code dpsrig dps} command talks to: the local simulator found through its
 * {@code dev-settings.json}, or any DPS by connection string. {@code -g} and {@code -n} are
 * accepted so that {@code az iot dps} lines paste unchanged; there is only one DPS per connection.
 * A host that cannot be connected to at all is an {@link EndpointUnreachableException}: one line naming
 * it and where it came from, exit code {@link ExitCodes#UNREACHABLE}.
 */
public final class ConnectionOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The data directory of `dpsrig serve`, whose settings file says where the simulator listens"
                    + " and which TLS root to trust (default: $DPSRIG_DATA_DIR, else the nearest dpsrig-data/ here or above).")
    private Path dataDir;

    @Option(names = "--connection-string", paramLabel = "CS",
            description = "HostName=...;SharedAccessKeyName=...;SharedAccessKey=... of a DPS, instead of --data-dir.")
    private String connectionString;

    @Option(names = "--cafile", paramLabel = "PEM",
            description = "With --connection-string: trust these CA certificates as well as the JDK's.")
    private Path caFile;

    @Option(names = {"-g", "--resource-group"}, paramLabel = "NAME", description = "Accepted for `az` compatibility; ignored.")
    private String resourceGroup;

    @Option(names = {"-n", "--dps-name"}, paramLabel = "NAME", description = "Accepted for `az` compatibility; ignored.")
    private String dpsName;

    public ServiceApiClient client() {
        if (connectionString != null) {
            ServiceConnectionString connection = connectionString();
            List<X509Certificate> extra = caFile == null ? List.of() : IdentityFiles.readCertificates(caFile);
            return new ServiceApiClient(connection, ServiceTrust.jdkDefaultsPlus(extra),
                    unreachable("DPS", EndpointUnreachableException.Origin.option("--connection-string")));
        }
        SimulatorSettings simulator = simulatorSettings(Optional.of("pass --connection-string"));
        DevSettings settings = simulator.settings();
        return new ServiceApiClient(settings.connection(), settings.adminKey(), ServiceTrust.only(settings.trustedRoots()),
                Clock.systemUTC(), unreachable("the simulator", EndpointUnreachableException.Origin.settings(simulator.file())));
    }

    /** The service connection string: {@code --connection-string}, else the simulator's from its settings. */
    public ServiceConnectionString connectionString() {
        if (connectionString == null) {
            return simulatorSettings(Optional.of("pass --connection-string")).settings().connection();
        }
        if (dataDir != null) {
            throw new ParameterException(spec.commandLine(), "--connection-string and --data-dir exclude each other");
        }
        try {
            return ServiceConnectionString.parse(connectionString);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--connection-string: " + e.getMessage());
        }
    }

    /** The running simulator's settings, for what only it can say (its ID scope, its endpoints); refused with a connection string. */
    public SimulatorSettings simulator() {
        if (connectionString != null) {
            throw new ParameterException(spec.commandLine(),
                    spec.qualifiedName() + " reads the simulator's dev-settings.json (--data-dir), not a --connection-string");
        }
        return simulatorSettings(Optional.empty());
    }

    private SimulatorSettings simulatorSettings(Optional<String> alternative) {
        if (caFile != null) {
            throw new ParameterException(spec.commandLine(),
                    "--cafile goes with --connection-string; with --data-dir the simulator's root from dev-settings.json is trusted");
        }
        return SimulatorSettings.read(Optional.ofNullable(dataDir), alternative);
    }

    /** A service API host that cannot be connected to at all, as the one line the main prints, with its exit code. */
    public static Function<ServiceConnectionException, RuntimeException> unreachable(String what, EndpointUnreachableException.Origin origin) {
        return e -> new EndpointUnreachableException(what, e.endpoint().orElseThrow(), e.connectFailure().orElseThrow(), origin, e);
    }
}
