package dev.dpsrig.interop.node;

import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** What a Node user of the simulator does before running their code: point Node at the root certificate that dev-settings.json names. */
final class NodeUser {
    private NodeUser() {
    }

    static JsonObject devSettings(Path settingsFile) {
        try (JsonReader reader = Jsonp.createReader(Files.newBufferedReader(settingsFile))) {
            return reader.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + settingsFile, e);
        }
    }

    /**
     * The environment a Node user sets to trust the simulator, exactly as the README gives it:
     * {@code NODE_EXTRA_CA_CERTS=<folder of dev-settings.json>/<trustedRootCertificate>}.
     */
    static Map<String, String> trustingEnvironment(Path settingsFile) {
        String root = devSettings(settingsFile).getString("trustedRootCertificate");
        return Map.of("NODE_EXTRA_CA_CERTS", settingsFile.toAbsolutePath().getParent().resolve(root).toString());
    }
}
