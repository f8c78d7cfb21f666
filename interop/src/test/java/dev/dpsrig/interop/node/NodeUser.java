package dev.dpsrig.interop.node;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dpsrig.simulator.protocol.Jsonp;
import dev.dpsrig.simulator.service.http.EndpointLayout;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a Node user of the simulator does before running their code: run it in the SDK-compatible layout
 * (which needs port 443), and point Node at the root certificate that dev-settings.json names.
 */
final class NodeUser {
    private NodeUser() {
    }

    /** Aborts the test class when {@code address}:443 cannot be bound here, saying why. */
    static void assumePort443(String address) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, EndpointLayout.HTTPS_PORT));
        } catch (IOException e) {
            assumeTrue(false, "the Node SDKs dial port 443 only, and binding " + address
                    + ":443 needs root or CAP_NET_BIND_SERVICE here (" + e.getMessage() + ")");
        }
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
