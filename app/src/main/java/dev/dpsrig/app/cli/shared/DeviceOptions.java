package dev.dpsrig.app.cli.shared;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.IdentityFiles;
import dev.dpsrig.emulator.device.DeviceAttestation;
import dev.dpsrig.emulator.device.DpsEndpoint;
import dev.dpsrig.emulator.device.RetryPolicy;
import dev.dpsrig.protocol.Base64Text;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.SymmetricKeys;
import dev.dpsrig.emulator.client.DataDirectory;
import dev.dpsrig.emulator.client.DevSettings;
import dev.dpsrig.emulator.client.MqttSettings;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * What every {@code dpsrig device} command needs: the device's credentials as the walkthroughs hand them out,
 * and where it provisions. Endpoint, ID scope and trust default to the local simulator's
 * {@code dev-settings.json}; without one (and without {@code --cafile}) the JDK's trust is used, as for real Azure.
 * Shared by every command that acts as a device: {@code dpsrig device ...}, and {@code dpsrig board emulate} for a
 * virtual board's firmware, so both take the same options.
 */
public final class DeviceOptions {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The data directory of `dpsrig serve`; its dev-settings.json gives the global endpoint, ID scope"
                    + " and TLS root (default: $DPSRIG_DATA_DIR, else the nearest dpsrig-data/ here or above, when there is one).")
    Path dataDir;

    @Option(names = "--global-endpoint", paramLabel = "HOST[:PORT]",
            description = "The DPS global endpoint (default: the simulator's, else global.azure-devices-provisioning.net).")
    String globalEndpoint;

    @Option(names = "--id-scope", paramLabel = "SCOPE", description = "The DPS ID scope (default: the simulator's).")
    String idScope;

    @Option(names = "--cafile", paramLabel = "PEM",
            description = "Trust only these CA certificates (default: the simulator's root, else the JDK's trust store).")
    Path caFile;

    @Option(names = "--registration-id", paramLabel = "ID",
            description = "The registration id (default for X.509: the certificate's CN).")
    String registrationId;

    @Option(names = "--symmetric-key", paramLabel = "BASE64", description = "The individual enrollment's (or the derived) device key.")
    String symmetricKey;

    @Option(names = "--group-key", paramLabel = "BASE64",
            description = "The enrollment group's key; the device key is derived from it and the registration id.")
    String groupKey;

    @Option(names = "--cert", paramLabel = "PEM", description = "The device certificate, alone or as a chain (leaf first).")
    Path certFile;

    @Option(names = "--key", paramLabel = "PEM", description = "The certificate's private key (default: in the --cert file).")
    Path keyFile;

    @Option(names = "--passphrase", paramLabel = "TEXT", description = "The pass phrase of an encrypted --key.")
    String passphrase;

    @Option(names = "--pfx", paramLabel = "FILE", description = "The device certificate, chain and key as PKCS#12/PFX.")
    Path pfxFile;

    @Option(names = "--pfx-password", paramLabel = "TEXT", description = "The password of the --pfx file (default: empty).")
    String pfxPassword;

    @Option(names = "--deadline", paramLabel = "SECONDS", description = "Give up registering after this long (default: 300).")
    Long deadlineSeconds;

    @Option(names = "--payload", paramLabel = "JSON", description = "Custom allocation data sent as the registration's payload.")
    String payload;

    /** Where the device provisions. */
    public DpsEndpoint endpoint() {
        Optional<DevSettings> settings = settings();
        String scope = idScope != null ? idScope : settings.map(DevSettings::idScope).orElseThrow(() -> new UsageException(
                "no ID scope: pass --id-scope, or --data-dir of a `dpsrig serve` whose dev-settings.json has one"));
        String global = globalEndpoint != null ? globalEndpoint
                : settings.map(DevSettings::globalEndpoint).orElse(DpsEndpoint.AZURE_GLOBAL_ENDPOINT);
        List<X509Certificate> roots;
        if (caFile != null) {
            roots = certificates(caFile, "--cafile");
        } else if (settings.isPresent() && global.equals(settings.get().globalEndpoint())) {
            try {
                roots = settings.get().trustedRoots();
            } catch (RuntimeException e) {
                throw new UsageException("the simulator's trustedRootCertificate: " + e.getMessage(), e);
            }
        } else {
            roots = List.of();
        }
        try {
            return new DpsEndpoint(global, scope, roots, DpsEndpoint.DEFAULT_API_VERSION);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /**
     * Where the simulator's {@code dev-settings.json} says devices reach DPS and the hubs over MQTT, when the device
     * provisions with that simulator; nothing otherwise (a device then uses Azure's MQTT ports).
     */
    public MqttSettings mqttSettings() {
        Optional<DevSettings> settings = settings();
        String global = globalEndpoint != null ? globalEndpoint
                : settings.map(DevSettings::globalEndpoint).orElse(DpsEndpoint.AZURE_GLOBAL_ENDPOINT);
        return settings.filter(simulator -> global.equals(simulator.globalEndpoint())).map(DevSettings::mqtt).orElse(MqttSettings.NONE);
    }

    /**
     * Where {@link #endpoint}'s global endpoint came from, for a message that it cannot be reached: {@code --global-endpoint},
     * the simulator's settings file, or the default (Azure's).
     */
    public EndpointUnreachableException.Origin globalEndpointOrigin() {
        if (globalEndpoint != null) {
            return EndpointUnreachableException.Origin.option("--global-endpoint");
        }
        Optional<Path> file = DataDirectory.locate(Optional.ofNullable(dataDir)).map(DataDirectory::settingsFile)
                .filter(Files::isRegularFile);
        return file.map(EndpointUnreachableException.Origin::settings)
                .orElseGet(() -> new EndpointUnreachableException.Origin("the default global endpoint; no dev-settings.json in "
                        + DataDirectory.whereLooked(), false));
    }

    private Optional<DevSettings> settings() {
        Optional<DataDirectory> directory = DataDirectory.locate(Optional.ofNullable(dataDir));
        if (directory.isEmpty()) {
            return Optional.empty();
        }
        Path file = directory.get().settingsFile();
        if (!Files.isRegularFile(file)) {
            if (dataDir != null || globalEndpoint == null) {
                throw new UsageException(file + ": not found (data directory from " + directory.get().source()
                        + "); start `dpsrig serve --data-dir " + directory.get().path()
                        + "` (it writes this file) or pass --global-endpoint and --id-scope");
            }
            return Optional.empty();
        }
        try {
            return Optional.of(DevSettings.read(file));
        } catch (RuntimeException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    private static List<X509Certificate> certificates(Path file, String what) {
        try {
            return IdentityFiles.readCertificates(file);
        } catch (RuntimeException e) {
            throw new UsageException(what + ": " + e.getMessage(), e);
        }
    }

    /**
     * The device's credentials: exactly one of --symmetric-key, --group-key, --cert, --pfx.
     *
     * @param fallbackId the registration id to use when none is given and none is in a certificate (send/receive
     *                   straight to a hub use the device id)
     */
    public DeviceAttestation attestation(Optional<String> fallbackId) {
        List<String> kinds = new ArrayList<>();
        if (symmetricKey != null) {
            kinds.add("--symmetric-key");
        }
        if (groupKey != null) {
            kinds.add("--group-key");
        }
        if (certFile != null) {
            kinds.add("--cert");
        }
        if (pfxFile != null) {
            kinds.add("--pfx");
        }
        if (kinds.isEmpty()) {
            throw new UsageException("no device credentials: give one of --symmetric-key, --group-key, --cert or --pfx");
        }
        if (kinds.size() > 1) {
            throw new UsageException("give one kind of device credentials, not " + String.join(" and ", kinds));
        }
        if ((keyFile != null || passphrase != null) && certFile == null) {
            throw new UsageException((keyFile != null ? "--key" : "--passphrase") + " goes with --cert");
        }
        if (pfxPassword != null && pfxFile == null) {
            throw new UsageException("--pfx-password goes with --pfx");
        }
        if (symmetricKey != null || groupKey != null) {
            String id = Optional.ofNullable(registrationId).or(() -> fallbackId).orElseThrow(() -> new UsageException(
                    "a symmetric-key device needs --registration-id"));
            String key = symmetricKey != null ? symmetricKey : groupKey;
            String option = symmetricKey != null ? "--symmetric-key" : "--group-key";
            String what = symmetricKey != null ? "the symmetric key (--symmetric-key)" : "the group key (--group-key)";
            try {
                if (Base64Text.decode(key, what).length == 0) {
                    throw new UsageException(option + " is empty");
                }
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage(), e);
            }
            return symmetricKey != null ? DeviceAttestation.SymmetricKey.individual(id, key)
                    : DeviceAttestation.SymmetricKey.fromGroupKey(id, key);
        }
        HeldCertificate identity;
        try {
            identity = certFile != null
                    ? IdentityFiles.readHeldCertificate(certFile, keyFile != null ? keyFile : certFile,
                    Optional.ofNullable(passphrase).map(String::toCharArray))
                    : IdentityFiles.readPkcs12(pfxFile, (pfxPassword != null ? pfxPassword : "").toCharArray());
        } catch (RuntimeException e) {
            throw new UsageException(e.getMessage(), e);
        }
        if (registrationId != null) {
            return new DeviceAttestation.X509(registrationId, identity);
        }
        try {
            return DeviceAttestation.X509.of(identity);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + "; pass --registration-id", e);
        }
    }

    /**
     * The symmetric key the device itself holds (derived when --group-key is given), for a board emulator
     * that keeps the key and signs for the rig; empty for X.509 credentials. Call after {@link #attestation}.
     */
    public Optional<String> deviceKey(String registrationId) {
        if (symmetricKey != null) {
            return Optional.of(symmetricKey);
        }
        return Optional.ofNullable(groupKey).map(key -> SymmetricKeys.deriveDeviceKey(key, registrationId));
    }

    public RetryPolicy policy() {
        if (deadlineSeconds == null) {
            return RetryPolicy.DEFAULTS;
        }
        if (deadlineSeconds <= 0) {
            throw new UsageException("--deadline must be a positive number of seconds, not " + deadlineSeconds);
        }
        return RetryPolicy.DEFAULTS.withDeadline(Duration.ofSeconds(deadlineSeconds));
    }

    public Optional<JsonValue> payload() {
        if (payload == null) {
            return Optional.empty();
        }
        try (JsonReader reader = Jsonp.createReader(new StringReader(payload))) {
            return Optional.of(reader.readValue());
        } catch (RuntimeException e) {
            throw new UsageException("--payload is not JSON: " + e.getMessage(), e);
        }
    }
}
