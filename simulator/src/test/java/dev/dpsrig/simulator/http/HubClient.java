package dev.dpsrig.simulator.http;

import dev.dpsrig.simulator.server.LocalSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The real curl pointed at one simulated hub's HTTPS device API: the walkthroughs' telemetry command,
 * sends with any headers and body, and the cloud-to-device receive, complete, reject and abandon
 * requests the device SDKs make. Credentials are curl arguments, as for {@link DpsClient}:
 * {@link DpsClient#sas} for a token, {@code --cert}/{@code --key} for a certificate, an empty list for none.
 */
final class HubClient {
    static final String API_VERSION = "2020-03-13";
    /** The body every walkthrough's telemetry command sends. */
    static final String SEED_TELEMETRY = "{\"temperature\": 30}";

    private final LocalSimulator simulator;
    private final Path directory;
    private final String hostName;

    /** @param hostName the hub's {@code host:port}, as DPS told the device in {@code assignedHub} */
    HubClient(LocalSimulator simulator, Path directory, String hostName) {
        this.simulator = simulator;
        this.directory = directory;
        this.hostName = hostName;
    }

    /** A client of the simulator's first (default) hub. */
    static HubClient of(LocalSimulator simulator, Path directory) {
        return new HubClient(simulator, directory, simulator.hubs().getFirst().hostName());
    }

    String hostName() {
        return hostName;
    }

    /** {@code {hub host:port}/devices/{deviceId}}: what a device's hub token is for. */
    String resourceUri(String deviceId) {
        return hostName + "/devices/" + deviceId;
    }

    // ---- device-to-cloud ----------------------------------------------------------------------

    /**
     * The walkthroughs' "Send a telemetry message" command as written, but for the host and {@code --cacert}:
     * {@code curl -L -i -X POST [credentials] -H 'Content-Type: application/json' -H 'Content-Encoding: utf-8'
     * -d '{"temperature": 30}' https://{hub}/devices/{id}/messages/events?api-version=2020-03-13},
     * with {@code extraHeaders} ({@code "name: value"}) added before the body.
     */
    CurlResponse seedTelemetry(String deviceId, List<String> credentials, String... extraHeaders) {
        List<String> arguments = new ArrayList<>(List.of("-L", "-i", "-X", "POST"));
        arguments.addAll(credentials);
        arguments.addAll(List.of("-H", "Content-Type: application/json", "-H", "Content-Encoding: utf-8"));
        for (String header : extraHeaders) {
            arguments.addAll(List.of("-H", header));
        }
        arguments.addAll(List.of("-d", SEED_TELEMETRY, url("/devices/" + deviceId + "/messages/events")));
        return CurlResponse.run(directory, simulator.trustedRootFile(), arguments);
    }

    /** Posts exactly {@code body} (from a file, so any size) to {@code /devices/{id}/messages/events}. */
    CurlResponse send(String deviceId, List<String> credentials, byte[] body, String... headers) {
        return post("/devices/" + deviceId + "/messages/events", credentials, body, headers);
    }

    /** A batch: {@code Content-Type: application/vnd.microsoft.iothub.json} and a JSON array body. */
    CurlResponse sendBatch(String deviceId, List<String> credentials, String jsonArray) {
        return send(deviceId, credentials, jsonArray.getBytes(StandardCharsets.UTF_8),
                "Content-Type: application/vnd.microsoft.iothub.json");
    }

    /** Posts {@code body} to any path of the hub, e.g. a module's events. */
    CurlResponse post(String path, List<String> credentials, byte[] body, String... headers) {
        Path file = directory.resolve("body-" + UUID.randomUUID() + ".bin");
        try {
            Files.write(file, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> arguments = new ArrayList<>(List.of("-i", "-H", "Expect:", "-X", "POST"));
        arguments.addAll(credentials);
        for (String header : headers) {
            arguments.addAll(List.of("-H", header));
        }
        arguments.addAll(List.of("--data-binary", "@" + file.getFileName(), url(path)));
        return CurlResponse.run(directory, simulator.trustedRootFile(), arguments);
    }

    // ---- cloud-to-device ----------------------------------------------------------------------

    /** {@code GET /devices/{id}/messages/deviceBound}: 200 with a message under a lock, or 204. */
    CurlResponse receive(String deviceId, List<String> credentials) {
        return request("GET", "/devices/" + deviceId + "/messages/deviceBound", credentials);
    }

    /** {@code DELETE /devices/{id}/messages/deviceBound/{lockToken}}. */
    CurlResponse complete(String deviceId, String lockToken, List<String> credentials) {
        return request("DELETE", "/devices/" + deviceId + "/messages/deviceBound/" + lockToken, credentials);
    }

    /** {@code DELETE /devices/{id}/messages/deviceBound/{lockToken}?api-version=…&reject}, as C, Node and C# send it. */
    CurlResponse reject(String deviceId, String lockToken, List<String> credentials) {
        return requestUrl("DELETE", url("/devices/" + deviceId + "/messages/deviceBound/" + lockToken) + "&reject", credentials);
    }

    /** {@code POST /devices/{id}/messages/deviceBound/{lockToken}/abandon}. */
    CurlResponse abandon(String deviceId, String lockToken, List<String> credentials) {
        return request("POST", "/devices/" + deviceId + "/messages/deviceBound/" + lockToken + "/abandon", credentials);
    }

    /** Any method on any path of the hub, with {@code ?api-version=2020-03-13}. */
    CurlResponse request(String method, String path, List<String> credentials) {
        return requestUrl(method, url(path), credentials);
    }

    /** The lock token a 200 receive carries: its {@code ETag} without the quotes, as the SDKs strip them. */
    static String lockToken(CurlResponse received) {
        String etag = received.header("ETag").orElseThrow(() -> new AssertionError("no ETag in\n" + DpsClient.describe(received)));
        if (etag.length() < 2 || !etag.startsWith("\"") || !etag.endsWith("\"")) {
            throw new AssertionError("ETag " + etag + " is not quoted");
        }
        return etag.substring(1, etag.length() - 1);
    }

    private CurlResponse requestUrl(String method, String url, List<String> credentials) {
        List<String> arguments = new ArrayList<>(List.of("-i", "-X", method));
        arguments.addAll(credentials);
        arguments.add(url);
        return CurlResponse.run(directory, simulator.trustedRootFile(), arguments);
    }

    private String url(String path) {
        return "https://" + hostName + path + "?api-version=" + API_VERSION;
    }
}
