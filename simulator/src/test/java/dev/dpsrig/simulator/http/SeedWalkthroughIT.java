package dev.dpsrig.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DPS walkthroughs, run as written with the real curl, python3 and openssl: only the host is
 * swapped for the simulator and {@code --cacert} added. Status goes {@code assigning} → {@code assigned}.
 */
class SeedWalkthroughIT {
    /** The walkthrough's token generator, verbatim but for taking its inputs from the command line. */
    private static final String SAS_GENERATOR = """
            from base64 import b64encode, b64decode
            from hashlib import sha256
            from time import time
            from urllib.parse import quote_plus, urlencode
            from hmac import HMAC
            import sys

            def generate_sas_token(uri, key, policy_name, expiry=3600):
                 ttl = time() + expiry
                 sign_key = "%s\\n%d" % ((quote_plus(uri)), int(ttl))
                 signature = b64encode(HMAC(b64decode(key), sign_key.encode('utf-8'), sha256).digest())
                 rawtoken = {'sr' :  uri, 'sig': signature, 'se' : str(int(ttl))}
                 if policy_name is not None:
                     rawtoken['skn'] = policy_name
                 return 'SharedAccessSignature ' + urlencode(rawtoken)

            print(generate_sas_token(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None, 3600))
            """;

    @TempDir
    Path dir;

    private LocalSimulator simulator;
    private InProcessDps dps;

    @BeforeEach
    void start() {
        simulator = LocalSimulator.start(SimulatorConfig.forTests());
        dps = simulator.service();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void symmetricKeyIndividualEnrollment() throws Exception {
        JsonObject enrollment = dps.putEnrollment("my-symkey-device", Json.createObjectBuilder()
                .add("attestation", Json.createObjectBuilder().add("type", "symmetricKey")).build(), Optional.empty()).attestation()
                instanceof dev.dpsrig.simulator.dps.Attestation.SymmetricKey keys
                ? Json.createObjectBuilder().add("primaryKey", keys.primaryKey()).build() : null;
        String token = sasToken(simulator.idScope() + "/registrations/my-symkey-device", enrollment.getString("primaryKey"), "registration");

        CurlResponse registered = curl("-X", "PUT", "-H", "Content-Type: application/json", "-H", "Content-Encoding: utf-8",
                "-H", "Authorization: " + token, "-d", "{\"registrationId\": \"my-symkey-device\"}",
                url("/registrations/my-symkey-device/register?api-version=2021-06-01"));

        assertThat(registered.status()).as(registered.headers() + "\n" + registered.body()).isEqualTo(202);
        assertThat(registered.header("Content-Type")).contains("application/json; charset=utf-8");
        assertThat(registered.header("Retry-After")).hasValueSatisfying(v -> assertThat(v).matches("\\d+"));
        assertThat(registered.json().getString("status")).isEqualTo("assigning");
        String operationId = registered.json().getString("operationId");

        CurlResponse assigned = poll(operationId, "my-symkey-device", List.of("-H", "Authorization: " + token));

        JsonObject state = assigned.json().getJsonObject("registrationState");
        assertThat(assigned.json().getString("status")).isEqualTo("assigned");
        assertThat(state.getString("assignedHub")).isEqualTo(simulator.hubs().getFirst().hostName());
        assertThat(state.getString("deviceId")).isEqualTo("my-symkey-device");
        assertThat(state.getString("substatus")).isEqualTo("initialAssignment");
        assertThat(dps.hubs().getFirst().device("my-symkey-device")).isPresent();
    }

    @Test
    void x509SelfSignedWithTheWalkthroughsPassPhraseKey() throws Exception {
        Processes.succeed(dir, List.of("openssl", "req", "-outform", "PEM", "-x509", "-sha256", "-newkey", "rsa:4096",
                "-keyout", "device-key.pem", "-out", "device-cert.pem", "-days", "30", "-extensions", "usr_cert",
                "-addext", "extendedKeyUsage=clientAuth", "-subj", "/CN=my-x509-device", "-passout", "pass:1234"));
        dps.putEnrollment("my-x509-device", Json.createObjectBuilder().add("attestation", Json.createObjectBuilder()
                .add("type", "x509").add("x509", Json.createObjectBuilder().add("clientCertificates", Json.createObjectBuilder()
                        .add("primary", Json.createObjectBuilder().add("certificate",
                                Files.readString(dir.resolve("device-cert.pem"))))))).build(), Optional.empty());
        List<String> credentials = List.of("--cert", "device-cert.pem:1234", "--key", "device-key.pem");

        CurlResponse registered = curl(with(credentials, "-X", "PUT", "-H", "Content-Type: application/json",
                "-H", "Content-Encoding: utf-8", "-d", "{\"registrationId\": \"my-x509-device\"}",
                url("/registrations/my-x509-device/register?api-version=2021-06-01")));

        assertThat(registered.status()).as(registered.headers() + "\n" + registered.body()).isEqualTo(202);
        CurlResponse assigned = poll(registered.json().getString("operationId"), "my-x509-device", credentials);
        assertThat(assigned.json().getString("status")).isEqualTo("assigned");
        assertThat(assigned.json().getJsonObject("registrationState").getJsonObject("x509")
                .getJsonObject("certificateInfo").getString("subjectName")).isEqualTo("CN=my-x509-device");
    }

    @Test
    void formUrlEncodedBodyIsRefusedWith415() {
        CurlResponse refused = curl("-X", "PUT", "-d", "registrationId=my-device",
                url("/registrations/my-device/register?api-version=2018-11-01"));

        assertThat(refused.status()).isEqualTo(415);
        assertThat(refused.header("x-ms-error-code")).contains("415001");
        assertThat(refused.json().getString("message")).contains("application/x-www-form-urlencoded");
    }

    private CurlResponse poll(String operationId, String registrationId, List<String> credentials) throws InterruptedException {
        for (int attempt = 0; attempt < 50; attempt++) {
            CurlResponse lookup = curl(with(credentials, "-X", "GET", "-H", "Content-Type: application/json",
                    "-H", "Content-Encoding: utf-8",
                    url("/registrations/" + registrationId + "/operations/" + operationId + "?api-version=2021-06-01")));
            if (lookup.status() == 200) {
                return lookup;
            }
            assertThat(lookup.status()).as(lookup.body()).isEqualTo(202);
            assertThat(lookup.json().getString("status")).isEqualTo("assigning");
            Thread.sleep(100);
        }
        throw new AssertionError("still assigning after 50 polls");
    }

    private String sasToken(String uri, String key, String policy) throws Exception {
        Path script = dir.resolve("sas.py");
        Files.writeString(script, SAS_GENERATOR);
        return Processes.succeed(dir, List.of("python3", script.toString(), uri, key, policy)).stdout().strip();
    }

    private String url(String path) {
        return simulator.dpsBaseUrl() + "/" + simulator.idScope() + path;
    }

    private static String[] with(List<String> credentials, String... rest) {
        List<String> all = new ArrayList<>(credentials);
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    private CurlResponse curl(String... arguments) {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-i", "--cacert", simulator.trustedRootFile().toString()));
        command.addAll(List.of(arguments));
        return CurlResponse.parse(Processes.succeed(dir, command).stdout());
    }
}
