package dev.dpsrig.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.protocol.SasToken;
import dev.dpsrig.simulator.server.LocalSimulator;
import jakarta.json.Json;
import jakarta.json.JsonStructure;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The real curl pointed at a {@link LocalSimulator}: the walkthroughs' device requests (register,
 * operation lookup) and service API requests, each over HTTPS trusting only the simulator's root.
 * Device credentials are curl arguments: {@link #sas} for a token, {@link SeedPki.SeedFiles#curlCredentials}
 * or {@link SeedPki#curlIdentity} for a client certificate, an empty list for none.
 */
final class DpsClient {
    static final String DEVICE_API_VERSION = "2021-06-01";
    static final String SERVICE_API_VERSION = "2021-10-01";
    static final String SERVICE_POLICY = "provisioningserviceowner";

    private final LocalSimulator simulator;
    private final Path directory;

    DpsClient(LocalSimulator simulator, Path directory) {
        this.simulator = simulator;
        this.directory = directory;
    }

    static List<String> sas(String token) {
        return List.of("-H", "Authorization: " + token);
    }

    static String registrationBody(String registrationId) {
        return Json.createObjectBuilder().add("registrationId", registrationId).build().toString();
    }

    /** {@code {idScope}/registrations/{registrationId}}: what a device's SAS token is for. */
    String resourceUri(String registrationId) {
        return simulator.idScope() + "/registrations/" + registrationId;
    }

    // ---- device API ---------------------------------------------------------------------------

    CurlResponse register(String registrationId, List<String> credentials) {
        return register(simulator.idScope(), registrationId, registrationBody(registrationId), credentials);
    }

    CurlResponse register(String idScope, String registrationId, String body, List<String> credentials) {
        return registerAs("application/json", idScope, registrationId, body, credentials);
    }

    CurlResponse registerAs(String contentType, String idScope, String registrationId, String body, List<String> credentials) {
        return curl(credentials, "-X", "PUT", "-H", "Content-Type: " + contentType, "-H", "Content-Encoding: utf-8",
                "--data-binary", body,
                deviceUrl(idScope, "/registrations/" + registrationId + "/register"));
    }

    CurlResponse lookup(String registrationId, String operationId, List<String> credentials) {
        return curl(credentials, "-X", "GET", "-H", "Content-Type: application/json", "-H", "Content-Encoding: utf-8",
                deviceUrl(simulator.idScope(), "/registrations/" + registrationId + "/operations/" + operationId));
    }

    /** Registers, expects 202 {@code assigning}, and polls the operation until it ends. */
    CurlResponse registerAndAwait(String registrationId, List<String> credentials) {
        return awaitOutcome(registrationId, register(registrationId, credentials), credentials);
    }

    /** Polls the operation a 202 register answer started until the lookup answers 200. */
    CurlResponse awaitOutcome(String registrationId, CurlResponse accepted, List<String> credentials) {
        assertThat(accepted.status()).as(describe(accepted)).isEqualTo(202);
        assertThat(accepted.json().getString("status")).isEqualTo("assigning");
        String operationId = accepted.json().getString("operationId");
        for (int attempt = 0; attempt < 50; attempt++) {
            CurlResponse lookup = lookup(registrationId, operationId, credentials);
            if (lookup.status() == 200) {
                assertThat(lookup.json().getString("operationId")).isEqualTo(operationId);
                return lookup;
            }
            assertThat(lookup.status()).as(describe(lookup)).isEqualTo(202);
            assertThat(lookup.json().getString("status")).isEqualTo("assigning");
            pause();
        }
        throw new AssertionError("operation " + operationId + " of '" + registrationId + "' still assigning after 50 polls");
    }

    // ---- service API --------------------------------------------------------------------------

    /** A service API request signed with the simulator's service key. */
    CurlResponse service(String method, String path, Optional<? extends JsonStructure> body, String... headers) {
        return serviceAs(Optional.of(serviceAuthorization(simulator.serviceKey())), method, path, body, headers);
    }

    CurlResponse serviceAs(Optional<String> authorization, String method, String path,
                           Optional<? extends JsonStructure> body, String... headers) {
        List<String> arguments = new ArrayList<>(List.of("-X", method));
        authorization.ifPresent(value -> arguments.addAll(List.of("-H", "Authorization: " + value)));
        for (String header : headers) {
            arguments.addAll(List.of("-H", header));
        }
        body.ifPresent(json -> arguments.addAll(List.of("-H", "Content-Type: application/json", "--data-binary", json.toString())));
        arguments.add(simulator.dpsBaseUrl() + path + "?api-version=" + SERVICE_API_VERSION);
        return curl(List.of(), arguments.toArray(String[]::new));
    }

    /** {@code SharedAccessSignature sr=<dps host>&sig=...&se=...&skn=provisioningserviceowner}, valid for an hour. */
    String serviceAuthorization(String key) {
        return SasToken.sign(simulator.globalEndpoint(), key, Instant.now().plus(Duration.ofHours(1)), Optional.of(SERVICE_POLICY))
                .toAuthorizationHeader();
    }

    // ---- curl ---------------------------------------------------------------------------------

    static String describe(CurlResponse response) {
        return response.headers() + "\n\n" + response.body();
    }

    private String deviceUrl(String idScope, String path) {
        return simulator.dpsBaseUrl() + "/" + idScope + path + "?api-version=" + DEVICE_API_VERSION;
    }

    private CurlResponse curl(List<String> credentials, String... arguments) {
        List<String> command = new ArrayList<>(List.of("-i", "-H", "Expect:"));
        command.addAll(credentials);
        command.addAll(List.of(arguments));
        return CurlResponse.run(directory, simulator.trustedRootFile(), command);
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while polling", e);
        }
    }
}
