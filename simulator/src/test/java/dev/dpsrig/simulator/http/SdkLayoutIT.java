package dev.dpsrig.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.certs.TlsContexts;
import dev.dpsrig.emulator.device.DeviceAttestation;
import dev.dpsrig.emulator.device.DeviceTransport;
import dev.dpsrig.emulator.device.DpsEndpoint;
import dev.dpsrig.emulator.device.EmulatedDevice;
import dev.dpsrig.emulator.device.ProvisioningClient;
import dev.dpsrig.emulator.device.RegistrationResult;
import dev.dpsrig.emulator.device.Telemetry;
import dev.dpsrig.emulator.device.TelemetryOutcome;
import dev.dpsrig.simulator.server.EndpointLayout;
import dev.dpsrig.simulator.server.ListenException;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SDK-compatible layout as a client sees it: DPS and every hub on a loopback address of its own
 * on 443, advertised as bare dotted addresses (what the Azure SDKs parse), and a server certificate
 * that passes strict HTTPS host name verification at each of them.
 */
class SdkLayoutIT {
    private static final String FIRST = "127.0.77.1";
    private LocalSimulator simulator;

    @BeforeAll
    static void port443CanBeBound() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(FIRST, EndpointLayout.HTTPS_PORT));
        } catch (IOException e) {
            fail("binding " + FIRST + ":443 needs root, CAP_NET_BIND_SERVICE or net.ipv4.ip_unprivileged_port_start=443 (" + e.getMessage() + ")");
        }
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void everyEndpointIsADottedAddressOn443WithNoPort() {
        simulator = LocalSimulator.start(SimulatorConfig.builder().sdkLayout(FIRST).assignmentDelay(Duration.ZERO)
                .addHub(SimulatorConfig.HubSpec.named("hub-a", 0)).addHub(SimulatorConfig.HubSpec.named("hub-b", 0)).build());

        JsonObject settings = simulator.devSettings();

        assertThat(settings.getString("layout")).isEqualTo("sdk-compatible");
        assertThat(settings.getString("globalEndpoint")).isEqualTo("127.0.77.1");
        assertThat(settings.getString("dpsBaseUrl")).isEqualTo("https://127.0.77.1");
        assertThat(settings.getString("serviceConnectionString")).startsWith("HostName=127.0.77.1;");
        assertThat(settings.getJsonArray("hubs").getValuesAs(JsonObject.class)).extracting(hub -> hub.getString("hostName"))
                .containsExactly("127.0.77.2", "127.0.77.3");
        assertThat(simulator.dpsPort()).isEqualTo(443);
    }

    @Test
    void aDeviceRegistersAndSendsToItsHubAtABareAddress() throws Exception {
        simulator = LocalSimulator.start(SimulatorConfig.builder().sdkLayout(FIRST).assignmentDelay(Duration.ZERO).build());
        String key = Enrollments.keysOf(simulator.service().putEnrollment("layout-device", Enrollments.symmetricKey(), Optional.empty())
                .attestation()).primaryKey();
        try (DeviceTransport transport = new DeviceTransport(List.of(simulator.trustedRoot()))) {
            ProvisioningClient dps = new ProvisioningClient(
                    DpsEndpoint.of(simulator.globalEndpoint(), simulator.idScope(), List.of(simulator.trustedRoot())), transport);
            EmulatedDevice device = new EmulatedDevice(DeviceAttestation.SymmetricKey.individual("layout-device", key), dps, transport, 1);

            RegistrationResult result = device.register(Optional.empty());

            assertThat(result.assignedHub()).isEqualTo("127.0.77.2");
            assertThat(device.hub().send(Telemetry.text("{\"t\": 1}"), device.timeline(), device.random()))
                    .isInstanceOf(TelemetryOutcome.Acknowledged.class);
            assertThat(simulator.iotHubs().getFirst().awaitMessages("layout-device", 1, Duration.ofSeconds(5))).hasSize(1);
        }
    }

    @Test
    void theServerCertificatePassesStrictHostNameVerificationAtEveryAddress() throws Exception {
        simulator = LocalSimulator.start(SimulatorConfig.builder().sdkLayout(FIRST).assignmentDelay(Duration.ZERO).build());
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(TlsContexts.client(List.of(simulator.trustedRoot()))).build();

        for (String url : List.of("https://127.0.77.1/enrollments/x", "https://127.0.77.2/devices/x/messages/deviceBound")) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(url).isEqualTo(401);
        }
    }

    @Test
    void anAddressAlreadyTakenIsNamedAsSuch() {
        simulator = LocalSimulator.start(SimulatorConfig.builder().sdkLayout(FIRST).assignmentDelay(Duration.ZERO).build());

        assertThatThrownBy(() -> LocalSimulator.start(SimulatorConfig.builder().sdkLayout(FIRST).build()))
                .isInstanceOfSatisfying(ListenException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ListenException.Reason.IN_USE);
                    assertThat(e.address()).isEqualTo("127.0.77.1:443");
                });
    }
}
