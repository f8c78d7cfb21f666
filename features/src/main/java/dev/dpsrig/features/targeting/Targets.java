package dev.dpsrig.features.targeting;

import dev.dpsrig.emulator.device.DpsEndpoint;
import dev.dpsrig.protocol.settings.ServiceConnectionString;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Turns a target name, an optional Azure settings file and the environment into a {@link Target}.
 *
 * <p>The file is a {@code .properties} file with the keys {@code idScope}, {@code globalEndpoint},
 * {@code serviceConnectionString} and {@code hubConnectionString}. Each has an environment variable
 * ({@code DPSRIG_AZURE_ID_SCOPE} ...) that wins over the file, so a CI secret can override a checked-in
 * file. Each scenario's target learns the choice from the system properties {@value #TARGET_PROPERTY} and
 * {@value #AZURE_CONFIG_PROPERTY} (JUnit Platform configuration parameters fall back to them too), and
 * resolves it the same way; keys never travel through properties.
 */
public final class Targets {
    public static final String TARGET_PROPERTY = "dpsrig.target";
    public static final String AZURE_CONFIG_PROPERTY = "dpsrig.azure-config";
    public static final String SIMULATOR_ONLY_TAG = "@simulator-only";
    /** Why {@value #SIMULATOR_ONLY_TAG} scenarios cannot run against a real DPS. */
    public static final String SIMULATOR_ONLY_REASON = "need simulator controls: fault rules, quota profiles, clock, hub inspection, CA certificate upload";

    /** One setting: its key in the file and its environment variable. */
    enum Key {
        ID_SCOPE("idScope", "DPSRIG_AZURE_ID_SCOPE"),
        GLOBAL_ENDPOINT("globalEndpoint", "DPSRIG_AZURE_GLOBAL_ENDPOINT"),
        SERVICE_CONNECTION_STRING("serviceConnectionString", "DPSRIG_AZURE_SERVICE_CONNECTION_STRING"),
        HUB_CONNECTION_STRING("hubConnectionString", "DPSRIG_AZURE_HUB_CONNECTION_STRING");

        final String fileKey;
        final String variable;

        Key(String fileKey, String variable) {
            this.fileKey = fileKey;
            this.variable = variable;
        }
    }

    /** A value and the place it came from, for error messages. */
    private record Found(String value, String where) {
    }

    private Targets() {
    }

    /** The target the current JVM was asked for: see the class comment. */
    public static Target fromSystem() {
        return resolve(System.getProperty(TARGET_PROPERTY, "simulator"),
                Optional.ofNullable(System.getProperty(AZURE_CONFIG_PROPERTY)).filter(p -> !p.isBlank()).map(Path::of),
                System.getenv());
    }

    public static Target resolve(String name, Optional<Path> configFile, Map<String, String> env) {
        return switch (name) {
            case "simulator" -> new Target.LocalSimulator();
            case "azure" -> new Target.Azure(azure(configFile, env));
            default -> throw new TargetConfigException("target", "unknown target '" + name + "'; choose simulator or azure");
        };
    }

    static AzureSettings azure(Optional<Path> configFile, Map<String, String> env) {
        Properties file = configFile.map(Targets::read).orElseGet(Properties::new);
        String where = "the environment" + configFile.map(path -> " or " + path).orElse(" (no --azure-config file given)");
        Found idScope = find(Key.ID_SCOPE, file, configFile, env)
                .orElseThrow(() -> missing(Key.ID_SCOPE, where));
        if (!idScope.value().matches("[A-Za-z0-9]{1,64}")) {
            throw malformed(Key.ID_SCOPE, idScope, "an ID scope is letters and digits, e.g. 0ne00000000");
        }
        Found endpoint = find(Key.GLOBAL_ENDPOINT, file, configFile, env)
                .orElse(new Found(DpsEndpoint.AZURE_GLOBAL_ENDPOINT, "the default"));
        if (!endpoint.value().matches("[A-Za-z0-9.-]+(:\\d{1,5})?")) {
            throw malformed(Key.GLOBAL_ENDPOINT, endpoint, "the global endpoint is host[:port], e.g. " + DpsEndpoint.AZURE_GLOBAL_ENDPOINT);
        }
        Found service = find(Key.SERVICE_CONNECTION_STRING, file, configFile, env)
                .orElseThrow(() -> missing(Key.SERVICE_CONNECTION_STRING, where));
        Optional<Found> hub = find(Key.HUB_CONNECTION_STRING, file, configFile, env);
        return new AzureSettings(idScope.value(), endpoint.value(), connectionString(Key.SERVICE_CONNECTION_STRING, service),
                hub.map(found -> connectionString(Key.HUB_CONNECTION_STRING, found)));
    }

    private static Optional<Found> find(Key key, Properties file, Optional<Path> configFile, Map<String, String> env) {
        String fromEnv = env.get(key.variable);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(new Found(fromEnv.strip(), key.variable));
        }
        String fromFile = file.getProperty(key.fileKey);
        if (fromFile != null && !fromFile.isBlank()) {
            return Optional.of(new Found(fromFile.strip(), key.fileKey + " in " + configFile.orElseThrow()));
        }
        return Optional.empty();
    }

    private static ServiceConnectionString connectionString(Key key, Found found) {
        try {
            return ServiceConnectionString.parse(found.value());
        } catch (IllegalArgumentException e) {
            // The parser's message never repeats the key; the value itself is not shown for the same reason.
            throw new TargetConfigException(key.fileKey, key.fileKey + " from " + found.where() + " is malformed: " + e.getMessage());
        }
    }

    private static Properties read(Path path) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new TargetConfigException("azure-config", "azure config file " + path + ": no such file");
        } catch (IOException | IllegalArgumentException e) {
            throw new TargetConfigException("azure-config", "azure config file " + path + " cannot be read: " + e.getMessage());
        }
        return properties;
    }

    private static TargetConfigException missing(Key key, String where) {
        return new TargetConfigException(key.fileKey, key.fileKey + " is missing: set " + key.variable + " or " + key.fileKey
                + " in the azure config file; looked in " + where);
    }

    private static TargetConfigException malformed(Key key, Found found, String hint) {
        return new TargetConfigException(key.fileKey, key.fileKey + " '" + found.value() + "' from " + found.where()
                + " is malformed: " + hint);
    }
}
