package dev.dpsrig.emulator.client;

import dev.dpsrig.certs.Certificates;
import dev.dpsrig.certs.IdentityFiles;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.WireFormatException;
import dev.dpsrig.protocol.settings.DevSettingsDocument;
import dev.dpsrig.protocol.settings.ServiceConnectionString;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * What a client of the simulator's service API needs from the {@code dev-settings.json} that
 * {@code dpsrig serve} writes into its data directory.
 *
 * @param connection             the service connection string
 * @param trustedRootCertificate the development root CA the simulator's TLS certificate chains to
 * @param idScope                the simulator's ID scope
 * @param globalEndpoint         what devices use in place of {@code global.azure-devices-provisioning.net}: a bare
 *                               host in the SDK-compatible layout, {@code host:port} in the port layout
 * @param trustedRootPem         the same root as PEM text, when the file carries it
 * @param adminKey               the key of the simulator's admin API ({@code /dpsrig/...}) when it has one of its own;
 *                               otherwise the connection's key serves it too
 * @param mqtt                   where devices reach DPS and the hubs over MQTT
 */
public record DevSettings(ServiceConnectionString connection, Path trustedRootCertificate, String idScope, String globalEndpoint,
                          Optional<String> trustedRootPem, Optional<String> adminKey, MqttSettings mqtt) {
    public static final String FILE_NAME = DevSettingsDocument.FILE_NAME;

    public static DevSettings read(Path file) {
        JsonObject settings;
        try (Reader text = Files.newBufferedReader(file); JsonReader reader = Jsonp.createReader(text)) {
            settings = reader.readObject();
        } catch (IOException e) {
            throw new ServiceConnectionException(file + ": cannot read (" + e.getMessage() + ")", e);
        } catch (JsonException e) {
            throw new ServiceConnectionException(file + ": not a JSON object (" + e.getMessage() + ")", e);
        }
        DevSettingsDocument document;
        try {
            document = DevSettingsDocument.fromJson(settings);
        } catch (WireFormatException e) {
            throw new ServiceConnectionException(file + ": " + e.getMessage(), e);
        }
        // Relative to this file's folder, so the folder can be mounted anywhere.
        Path root = file.toAbsolutePath().getParent().resolve(document.trustedRootCertificate());
        return new DevSettings(document.serviceConnectionString(), root, document.idScope(), document.globalEndpoint(),
                document.trustedRootCertificatePem(), document.adminKey(), MqttSettings.of(document));
    }

    /**
     * The roots to trust: the certificate file, or, where only the settings file was copied or mounted
     * (a ConfigMap of one key), the PEM text it carries.
     */
    public List<X509Certificate> trustedRoots() {
        if (!Files.isRegularFile(trustedRootCertificate) && trustedRootPem.isPresent()) {
            return Certificates.decode(trustedRootPem.get().getBytes(StandardCharsets.US_ASCII));
        }
        if (!Files.isRegularFile(trustedRootCertificate)) {
            throw new ServiceConnectionException("trustedRootCertificate " + trustedRootCertificate + ": no such file");
        }
        return IdentityFiles.readCertificates(trustedRootCertificate);
    }
}
