package dev.dpsrig.emulator.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transport tells its listener of every request: what went out, what came back, or why nothing did. */
class DeviceTransportListenerIT {
    private LocalSimulator simulator;
    private final List<Exchange> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        simulator = LocalSimulator.start(SimulatorConfig.forTests());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void answeredRequestReachesTheListenerWithWhatWasSentAndTheAnswer() throws Exception {
        String url = simulator.dpsBaseUrl() + "/" + simulator.idScope() + "/registrations/dev-1/register?api-version=2021-06-01";
        try (DeviceTransport transport = new DeviceTransport(List.of(simulator.trustedRoot()), DeviceTransport.ConnectionModel.SHARED_POOL,
                Duration.ofSeconds(5), seen::add)) {
            DeviceTransport.Answer answer = transport.exchange(Method.PUT, url, Map.of("Authorization", "SharedAccessSignature sr=x&sig=y&se=1"),
                    Optional.of("{\"registrationId\":\"dev-1\"}".getBytes(StandardCharsets.UTF_8)), Optional.of(MediaTypes.APPLICATION_JSON),
                    Optional.empty(), Duration.ofSeconds(5));

            assertThat(answer.status()).isEqualTo(401);
        }
        assertThat(seen).singleElement().satisfies(exchange -> {
            assertThat(exchange.method()).isEqualTo("PUT");
            assertThat(exchange.url()).isEqualTo(url);
            assertThat(exchange.requestHeaders()).containsEntry("Authorization", "SharedAccessSignature sr=x&sig=y&se=1")
                    .containsKey("Content-Type");
            assertThat(exchange.requestText()).isEqualTo("{\"registrationId\":\"dev-1\"}");
            assertThat(exchange.answer()).hasValueSatisfying(got -> assertThat(got.text()).contains("401002"));
            assertThat(exchange.failure()).isEmpty();
        });
    }

    @Test
    void handshakeWithAnUntrustedServerReachesTheListenerAsAFailure() {
        HeldCertificate otherRoot = HeldCertificate.builder().commonName("some other root").certificateAuthority().build();
        String url = simulator.dpsBaseUrl() + "/" + simulator.idScope() + "/registrations/dev-1/register?api-version=2021-06-01";
        try (DeviceTransport transport = new DeviceTransport(List.of(otherRoot.certificate()), DeviceTransport.ConnectionModel.SHARED_POOL,
                Duration.ofSeconds(5), seen::add)) {
            assertThatThrownBy(() -> transport.exchange(Method.PUT, url, Map.of(), Optional.of(new byte[] {'{', '}'}),
                    Optional.of(MediaTypes.APPLICATION_JSON), Optional.empty(), Duration.ofSeconds(5)))
                    .isInstanceOf(DeviceTransport.TransportFailure.class);
        }
        assertThat(seen).singleElement().satisfies(exchange -> {
            assertThat(exchange.answer()).isEmpty();
            assertThat(exchange.failure()).hasValueSatisfying(reason -> assertThat(reason).containsIgnoringCase("certificat"));
        });
        assertThat(simulator.service().registrations()).isEmpty();
    }
}
