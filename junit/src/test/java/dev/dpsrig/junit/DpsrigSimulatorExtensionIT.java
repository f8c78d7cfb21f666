package dev.dpsrig.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.simulator.server.LocalSimulator;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** When the extension starts and stops its simulator, driven through its callbacks as JUnit calls them. */
class DpsrigSimulatorExtensionIT {

    @Test
    void aClassWideSimulatorOutlivesItsTestsAndStopsWithTheClass() {
        DpsrigSimulatorExtension dps = DpsrigSimulatorExtension.inMemory();
        dps.beforeAll(null);
        LocalSimulator running = dps.simulator();
        int port = running.dpsPort();
        dps.beforeEach(null);
        dps.afterEach(null);
        dps.beforeEach(null);

        assertThat(dps.simulator()).isSameAs(running);
        dps.afterEach(null);
        dps.afterAll(null);
        assertStopped(dps, port);
    }

    @Test
    void aNestedClassSharesItsOuterClassSimulator() {
        DpsrigSimulatorExtension dps = DpsrigSimulatorExtension.inMemory();
        dps.beforeAll(null);
        LocalSimulator outer = dps.simulator();
        int port = outer.dpsPort();
        dps.beforeAll(null);
        dps.afterAll(null);

        assertThat(dps.simulator()).isSameAs(outer);
        dps.afterAll(null);
        assertStopped(dps, port);
    }

    @Test
    void aPerTestSimulatorStartsAndStopsWithEachTest() {
        DpsrigSimulatorExtension dps = DpsrigSimulatorExtension.inMemory();
        dps.beforeEach(null);
        LocalSimulator first = dps.simulator();
        int port = first.dpsPort();
        dps.afterEach(null);
        assertStopped(dps, port);
        dps.beforeEach(null);

        assertThat(dps.simulator()).isNotSameAs(first);
        dps.afterEach(null);
    }

    @Test
    void itsTlsContextTrustsTheSimulatorsCertificate() throws Exception {
        DpsrigSimulatorExtension dps = DpsrigSimulatorExtension.builder().withHub("line-a").withHub("line-b").withIdScope("0ne00000042").build();
        dps.beforeEach(null);
        try (HttpClient client = HttpClient.newBuilder().sslContext(dps.sslContext()).build()) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(dps.dpsBaseUrl() + "/enrollments/nobody?api-version=2021-10-01"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
            assertThat(dps.devSettings().hubs()).extracting(hub -> hub.name()).containsExactly("line-a", "line-b");
            assertThat(dps.devSettings().idScope()).isEqualTo("0ne00000042");
            assertThat(dps.trustedRootCertificatePem()).isEqualTo(dps.devSettings().trustedRootCertificatePem().orElseThrow());
        } finally {
            dps.afterEach(null);
        }
    }

    private static void assertStopped(DpsrigSimulatorExtension dps, int port) {
        assertThatThrownBy(dps::simulator).isInstanceOf(IllegalStateException.class).hasMessageContaining("not running");
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            }
        }).isInstanceOf(ConnectException.class);
    }

}
