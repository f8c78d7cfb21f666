package dev.dpsrig.testcontainers;

import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.settings.DevSettingsDocument;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The dpsrig image running {@code dpsrig serve}: a local DPS and its IoT hubs in a container, whose
 * {@code dev-settings.json} is true on the Docker host.
 *
 * <pre>{@code
 * try (DpsrigContainer dps = new DpsrigContainer()) {
 *     dps.start();
 *     dps.getDevSettings();   // ID scope, global endpoint, service connection string, hubs, root CA
 * }
 * }</pre>
 *
 * <p>Docker maps ports to random host ports after the container has started, but the simulator tells devices
 * where to go (its global endpoint, each hub's host in {@code assignedHub}) from the ports it listens on. So
 * before the container is created, free ports are chosen on the host, and the container listens on those same
 * numbers, forwarded unchanged, advertising the Docker host: every endpoint it names is one a client on the host
 * can reach. MQTT over WebSockets rides on those HTTPS ports; MQTT over TLS listens on ports the simulator picks
 * inside the container and is not forwarded.
 */
public final class DpsrigContainer extends GenericContainer<DpsrigContainer> {
    /** Where the image keeps its data ({@code DPSRIG_DATA_DIR}). */
    public static final String DATA_DIRECTORY = "/data";
    public static final String DEFAULT_HUB = "dpsrig-hub";
    public static final String DEFAULT_ID_SCOPE = "0ne00000001";

    private final List<String> hubs = new ArrayList<>();
    private String idScope = DEFAULT_ID_SCOPE;
    private DevSettingsDocument devSettings;

    /** The image this version of dpsrig builds, {@code dpsrig:<version>}. */
    public DpsrigContainer() {
        this(defaultImage());
    }

    public DpsrigContainer(DockerImageName image) {
        super(image);
        waitingFor(Wait.forLogMessage("(?s).*dpsrig: ready: .*" + DevSettingsDocument.FILE_NAME.replace(".", "\\.") + ".*", 1)
                .withStartupTimeout(Duration.ofSeconds(60)));
    }

    /**
     * Loads an image tarball (as the build writes to {@code app/target/dpsrig-image.tar}) into the Docker engine, as
     * {@code docker load} does, and runs the image it holds, which is tagged {@code dpsrig:<version>}.
     */
    public static DpsrigContainer fromTarball(Path tarball) {
        try (InputStream image = Files.newInputStream(tarball)) {
            DockerClientFactory.instance().client().loadImageCmd(image).exec();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dpsrig image tarball " + tarball + ": " + e.getMessage(), e);
        }
        return new DpsrigContainer();
    }

    /** {@code dpsrig:} and the version of this library. */
    public static DockerImageName defaultImage() {
        Properties build = new Properties();
        try (InputStream in = DpsrigContainer.class.getResourceAsStream("dpsrig-testcontainers.properties")) {
            if (in == null) {
                throw new IllegalStateException("dpsrig-testcontainers.properties is missing from this library's jar");
            }
            build.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dpsrig-testcontainers.properties from this library's jar", e);
        }
        return DockerImageName.parse("dpsrig:" + build.getProperty("version"));
    }

    /** A hub to simulate; the first one given replaces the default hub {@value #DEFAULT_HUB}. */
    public DpsrigContainer withHub(String name) {
        hubs.add(name);
        return self();
    }

    public DpsrigContainer withIdScope(String idScope) {
        this.idScope = idScope;
        return self();
    }

    @Override
    protected void configure() {
        List<String> names = hubs.isEmpty() ? List.of(DEFAULT_HUB) : hubs;
        List<Integer> ports = HostPorts.free(1 + names.size());
        List<ServeArguments.HubPort> hubPorts = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            hubPorts.add(new ServeArguments.HubPort(names.get(i), ports.get(1 + i)));
        }
        int mqttPort = HostPorts.freeRun(1 + names.size()).getFirst();
        ServeArguments serve = new ServeArguments(getHost(), ports.getFirst(), mqttPort, hubPorts, idScope, DATA_DIRECTORY);
        setCommand(serve.command().toArray(String[]::new));
        setPortBindings(serve.ports().stream().map(port -> port + ":" + port).toList());
        serve.ports().forEach(this::addExposedPort);
    }

    @Override
    protected void containerIsStarted(InspectContainerResponse container) {
        devSettings = copyFileFromContainer(DATA_DIRECTORY + "/" + DevSettingsDocument.FILE_NAME, DpsrigContainer::readSettings);
    }

    private static DevSettingsDocument readSettings(InputStream file) {
        try (JsonReader reader = Jsonp.createReader(new InputStreamReader(file, StandardCharsets.UTF_8))) {
            return DevSettingsDocument.fromJson(reader.readObject());
        }
    }

    /** What the simulator wrote to {@code dev-settings.json}, every endpoint in it reachable from the Docker host. */
    public DevSettingsDocument getDevSettings() {
        if (devSettings == null) {
            throw new IllegalStateException("the dpsrig container has not started: call start() first");
        }
        return devSettings;
    }

    public String getIdScope() {
        return getDevSettings().idScope();
    }

    /** What devices use in place of {@code global.azure-devices-provisioning.net}: {@code host:port}. */
    public String getDpsEndpoint() {
        return getDevSettings().globalEndpoint();
    }

    /** {@code https://host:port}, the base of the device and service API. */
    public String getDpsBaseUrl() {
        return getDevSettings().dpsBaseUrl();
    }

    public String getServiceConnectionString() {
        return getDevSettings().serviceConnectionString().text();
    }

    /** The development root CA (PEM) every endpoint's TLS certificate chains to: what clients trust. */
    public String getTrustedRootCertificatePem() {
        return getDevSettings().trustedRootCertificatePem()
                .orElseThrow(() -> new IllegalStateException("dev-settings.json of the dpsrig container carries no trustedRootCertificatePem"));
    }

    /** The {@code host:port} of the hub named {@code name}, as DPS names it in {@code assignedHub}. */
    public String getHubHostName(String name) {
        return hub(name).hostName();
    }

    /** Where devices reach DPS over MQTT on TLS: {@code host:port}. */
    public String getDpsMqttEndpoint() {
        return getDevSettings().dpsMqttEndpoint()
                .orElseThrow(() -> new IllegalStateException("dev-settings.json of the dpsrig container names no dpsMqttEndpoint"));
    }

    /** Where devices reach the hub named {@code name} over MQTT on TLS: {@code host:port}. */
    public String getHubMqttEndpoint(String name) {
        return hub(name).mqttEndpoint()
                .orElseThrow(() -> new IllegalStateException("dev-settings.json of the dpsrig container names no MQTT endpoint of hub " + name));
    }

    /** Where devices reach DPS over MQTT over WebSockets: {@code wss://host:port/$iothub/websocket}. */
    public String getDpsMqttWebSocketEndpoint() {
        return getDevSettings().dpsMqttWebSocketEndpoint()
                .orElseThrow(() -> new IllegalStateException("dev-settings.json of the dpsrig container names no dpsMqttWebSocketEndpoint"));
    }

    /** Where devices reach the hub named {@code name} over MQTT over WebSockets. */
    public String getHubMqttWebSocketEndpoint(String name) {
        return hub(name).mqttWebSocketEndpoint()
                .orElseThrow(() -> new IllegalStateException("dev-settings.json of the dpsrig container names no MQTT WebSocket endpoint of hub " + name));
    }

    private DevSettingsDocument.Hub hub(String name) {
        return getDevSettings().hubs().stream().filter(hub -> hub.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no hub named '" + name + "'; the hubs are "
                        + getDevSettings().hubs().stream().map(DevSettingsDocument.Hub::name).toList()));
    }
}
