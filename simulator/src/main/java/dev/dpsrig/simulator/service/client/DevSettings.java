package dev.dpsrig.simulator.service.client;

import dev.dpsrig.simulator.protocol.Jsonp;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a client of the simulator's service API needs from the {@code dev-settings.json} that
 * {@code dpsrig serve} writes into its data directory.
 *
 * @param connection             the service connection string
 * @param trustedRootCertificate the development root CA the simulator's TLS certificate chains to
 * @param idScope                the simulator's ID scope
 * @param globalEndpoint         {@code host:port} devices use in place of {@code global.azure-devices-provisioning.net}
 */
public record DevSettings(ServiceConnectionString connection, Path trustedRootCertificate, String idScope, String globalEndpoint) {
    public static final String FILE_NAME = "dev-settings.json";

    public static DevSettings read(Path file) {
        JsonObject settings;
        try (Reader text = Files.newBufferedReader(file); JsonReader reader = Jsonp.createReader(text)) {
            settings = reader.readObject();
        } catch (IOException e) {
            throw new ServiceConnectionException(file + ": cannot read (" + e.getMessage() + ")", e);
        } catch (JsonException e) {
            throw new ServiceConnectionException(file + ": not a JSON object (" + e.getMessage() + ")", e);
        }
        ServiceConnectionString connection;
        try {
            connection = ServiceConnectionString.parse(string(settings, file, "serviceConnectionString"));
        } catch (IllegalArgumentException e) {
            throw new ServiceConnectionException(file + ": serviceConnectionString: " + e.getMessage(), e);
        }
        // The simulator writes an absolute path; a hand-edited relative one means "next to this file".
        Path root = file.toAbsolutePath().getParent().resolve(string(settings, file, "trustedRootCertificate"));
        return new DevSettings(connection, root, string(settings, file, "idScope"), string(settings, file, "globalEndpoint"));
    }

    private static String string(JsonObject settings, Path file, String name) {
        if (!(settings.get(name) instanceof JsonString value) || value.getString().isBlank()) {
            throw new ServiceConnectionException(file + ": has no " + name);
        }
        return value.getString();
    }
}
