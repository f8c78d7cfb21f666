package dev.dpsrig.simulator.http;

import static dev.dpsrig.simulator.http.DpsAssertions.assertDpsError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the simulator says back is its own: register's {@code Location} names the DPS host devices
 * were given, whatever {@code Host} a client sent, and a refusal names the field and the problem in
 * the sender's terms rather than a parser's.
 */
class HygieneIT {
    @TempDir
    Path dir;

    private LocalSimulator simulator;
    private DpsClient client;
    private DeviceHttp http;

    @BeforeEach
    void start() {
        simulator = LocalSimulator.start(SimulatorConfig.forTests());
        client = new DpsClient(simulator, dir);
        http = new DeviceHttp(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void registersLocationNamesTheAdvertisedHostNotTheHostHeader() {
        http.enroll("located");
        byte[] body = DpsClient.registrationBody("located").getBytes(StandardCharsets.UTF_8);
        try (RawHttps connection = RawHttps.connect(simulator, simulator.globalEndpoint())) {
            connection.send("PUT /" + simulator.idScope() + "/registrations/located/register?api-version="
                    + DeviceHttp.DEVICE_API_VERSION + " HTTP/1.1\r\nHost: evil.example:443\r\n"
                    + "Authorization: " + http.dpsToken("located") + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").send(body);

            RawHttps.Response accepted = connection.read();

            assertThat(accepted.status()).as(accepted.head()).isEqualTo(202);
            assertThat(accepted.header("Location")).contains(
                    "https://" + simulator.globalEndpoint() + "/" + simulator.idScope() + "/registrations/located/register");
        }
    }

    @Test
    void aCertificateThatIsNotOneIsNamedByItsFieldWithoutTheParsersWords() {
        String notDer = Base64.getEncoder().encodeToString(new byte[] {0x14, 0x03, 0x01, 0x02, 0x03});

        CurlResponse refused = client.service("PUT", "/enrollments/bad-cert", Optional.of(Enrollments.clientCertificate(notDer)));

        assertDpsError(refused, 400, 400004, "the certificate in attestation.x509.clientCertificates.primary.certificate"
                + " is not a PEM or base64 DER certificate");
        assertThat(refused.body()).doesNotContain("Exception").doesNotContain("tag").doesNotContain("problem parsing");
    }

    @Test
    void aPemBlockWithGarbageInsideIsNamedTheSameWay() {
        String pem = "-----BEGIN CERTIFICATE-----\nFAMBAgM=\n-----END CERTIFICATE-----\n";

        CurlResponse refused = client.service("PUT", "/enrollments/bad-pem", Optional.of(Enrollments.clientCertificate(pem)));

        assertDpsError(refused, 400, 400004, "the certificate in attestation.x509.clientCertificates.primary.certificate"
                + " is not a PEM or base64 DER certificate");
        assertThat(refused.body()).doesNotContain("Exception").doesNotContain("corrupt");
    }
}
