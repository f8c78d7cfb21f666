package dev.dpsrig.simulator.http;

import static dev.dpsrig.simulator.http.DpsAssertions.assertDpsError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.protocol.SasToken;
import dev.dpsrig.protocol.SymmetricKeys;
import dev.dpsrig.simulator.dps.Attestation;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a device can be turned away, over real HTTPS with curl: refusals at the door (401,
 * 400, 404, 415 in the DPS error format) and registrations that end {@code disabled} or
 * {@code failed} after a 202.
 */
class RegistrationRejectionIT {
    private static final String DEVICE = "device-01";
    private static final String GROUP = "contoso-group";
    private static final String ROOT_CA_NAME = "azure-iot-test-only-root";

    @TempDir
    Path dir;

    private LocalSimulator simulator;
    private InProcessDps dps;
    private DpsClient client;

    @BeforeEach
    void start() {
        simulator = LocalSimulator.start(SimulatorConfig.forTests());
        dps = simulator.service();
        client = new DpsClient(simulator, dir);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Nested
    class SymmetricKeyRefusals {
        private Attestation.SymmetricKey keys;

        @BeforeEach
        void enroll() {
            keys = Enrollments.keysOf(dps.putEnrollment(DEVICE, Enrollments.symmetricKey(), Optional.empty()).attestation());
        }

        @Test
        void tokenSignedWithAWrongKey() {
            String token = SeedScripts.sasToken(dir, client.resourceUri(DEVICE), SymmetricKeys.generate());

            assertDpsError(client.register(DEVICE, DpsClient.sas(token)), 401, 401002,
                    "matches neither the primary nor the secondary key of the enrollment of '" + DEVICE + "'");
        }

        @Test
        void tokenSignedWithTheKeyOfAnotherDevice() {
            Attestation.SymmetricKey otherKeys = Enrollments.keysOf(
                    dps.putEnrollment("device-02", Enrollments.symmetricKey(), Optional.empty()).attestation());
            String token = SeedScripts.sasToken(dir, client.resourceUri(DEVICE), otherKeys.primaryKey());

            assertDpsError(client.register(DEVICE, DpsClient.sas(token)), 401, 401002,
                    "matches neither the primary nor the secondary key");
        }

        @Test
        void tokenExpiredBeyondTheClockSkew() {
            Instant expiry = Instant.now().minus(Duration.ofMinutes(6));
            String token = SasToken.sign(client.resourceUri(DEVICE), keys.primaryKey(), expiry, Optional.of("registration"))
                    .toAuthorizationHeader();

            assertDpsError(client.register(DEVICE, DpsClient.sas(token)), 401, 401002, "SAS token expired at");
        }

        @Test
        void tokenExpiredWithinTheClockSkewIsStillAccepted() {
            Instant expiry = Instant.now().minus(Duration.ofMinutes(2));
            String token = SasToken.sign(client.resourceUri(DEVICE), keys.primaryKey(), expiry, Optional.of("registration"))
                    .toAuthorizationHeader();

            CurlResponse accepted = client.register(DEVICE, DpsClient.sas(token));

            assertThat(accepted.status()).as(DpsClient.describe(accepted)).isEqualTo(202);
        }

        @Test
        void tokenForAnotherRegistrationId() {
            String token = SeedScripts.sasToken(dir, client.resourceUri("device-02"), keys.primaryKey());

            assertDpsError(client.register(DEVICE, DpsClient.sas(token)), 401, 401002,
                    "SAS token is for '" + simulator.idScope() + "/registrations/device-02', not '"
                            + simulator.idScope() + "/registrations/" + DEVICE + "'");
        }

        @Test
        void tokenNamingAPolicyOtherThanRegistration() {
            String token = SasToken.sign(client.resourceUri(DEVICE), keys.primaryKey(), Instant.now().plus(Duration.ofHours(1)),
                    Optional.of("provisioningserviceowner")).toAuthorizationHeader();

            assertDpsError(client.register(DEVICE, DpsClient.sas(token)), 401, 401002,
                    "skn 'provisioningserviceowner' is not allowed on the device API");
        }

        @Test
        void authorizationThatIsNotASasToken() {
            assertDpsError(client.register(DEVICE, DpsClient.sas("Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig")), 401, 401002,
                    "Authorization is not a SAS token");
        }

        @Test
        void tokenWhoseSrIsNotProperlyPercentEncoded() {
            String token = "SharedAccessSignature sr=" + simulator.idScope() + "%2Fregistrations%2F" + DEVICE + "%zz"
                    + "&sig=c2lnbmF0dXJl&se=" + Instant.now().plus(Duration.ofHours(1)).getEpochSecond() + "&skn=registration";

            assertDpsError(client.register(DEVICE, DpsClient.sas(token)), 401, 401002, "SAS token sr is not URL-encoded properly");
        }

        @Test
        void unknownIdScope() {
            String token = SeedScripts.sasToken(dir, "0ne99999999/registrations/" + DEVICE, keys.primaryKey());

            CurlResponse refused = client.register("0ne99999999", DEVICE, DpsClient.registrationBody(DEVICE), DpsClient.sas(token));

            assertDpsError(refused, 404, 404201, "unknown ID scope '0ne99999999'");
        }

        @Test
        void noCredentialsAtAll() {
            assertDpsError(client.register(DEVICE, List.of()), 401, 401002,
                    "no credentials: send a SAS token in the Authorization header or a client certificate");
        }
    }

    @Nested
    class MalformedRequests {
        @Test
        void registrationIdWithIllegalCharacters() {
            CurlResponse refused = client.register(simulator.idScope(), "bad!id", DpsClient.registrationBody("bad!id"), List.of());

            assertDpsError(refused, 400, 400004, "registration id 'bad!id' may hold only letters, digits and - . _ :");
        }

        @Test
        void bodyThatIsNotJson() {
            // The body is read only for a device that proved who it is: enroll one and sign its token.
            String key = Enrollments.keysOf(dps.putEnrollment(DEVICE, Enrollments.symmetricKey(), Optional.empty())
                    .attestation()).primaryKey();
            String token = SasToken.sign(client.resourceUri(DEVICE), key, Instant.now().plus(Duration.ofHours(1)),
                    Optional.of("registration")).toAuthorizationHeader();
            CurlResponse refused = client.register(simulator.idScope(), DEVICE, "{\"registrationId\": \"device-01\"",
                    DpsClient.sas(token));

            assertDpsError(refused, 400, 400004, "request body is not valid JSON");
        }

        @Test
        void bodyThatIsNotJsonFromADeviceWithoutCredentialsIsNotRead() {
            CurlResponse refused = client.register(simulator.idScope(), DEVICE, "{\"registrationId\": \"device-01\"", List.of());

            assertDpsError(refused, 401, 401002, "no credentials");
        }

        @Test
        void bodyThatIsNotDeclaredAsJson() {
            CurlResponse refused = client.registerAs("text/plain", simulator.idScope(), DEVICE, DpsClient.registrationBody(DEVICE), List.of());

            assertDpsError(refused, 415, 415001, "Content-Type 'text/plain' is not supported");
        }
    }

    @Nested
    class X509Refusals {
        private SeedPki pki;

        @BeforeEach
        void issue() {
            pki = SeedPki.create();
        }

        @Test
        void certificateCommonNameIsNotTheRegistrationId() {
            trustRootAndEnrollGroup();
            HeldCertificate device = pki.device(DEVICE);
            List<String> credentials = SeedPki.curlIdentity(dir, DEVICE, device.fullChain(), device.privateKey());

            assertDpsError(client.register("device-02", credentials), 401, 401002,
                    "client certificate CN '" + DEVICE + "' does not match the registration id 'device-02'");
        }

        @Test
        void chainEndsInARootThatWasNeverUploaded() {
            dps.putGroup(GROUP, Enrollments.signingCertificate(pki.intermediate().certificate()), Optional.empty());

            assertDpsError(client.register(DEVICE, fullChainOf(pki.device(DEVICE))), 401, 401002,
                    "chain ends in a root that is not trusted");
        }

        @Test
        void chainWithoutItsIntermediate() {
            trustRootAndEnrollGroup();
            HeldCertificate device = pki.device(DEVICE);
            List<String> leafOnly = SeedPki.curlIdentity(dir, DEVICE, List.of(device.certificate()), device.privateKey());

            assertDpsError(client.register(DEVICE, leafOnly), 401, 401002,
                    "issuer certificate was not presented and is not trusted");
        }

        @Test
        void rootUploadedButNotVerified() {
            dps.putCaCertificate(ROOT_CA_NAME, pki.root().certificate(), false, Optional.empty());
            dps.putGroup(GROUP, Enrollments.signingCertificate(pki.intermediate().certificate()), Optional.empty());

            assertDpsError(client.register(DEVICE, fullChainOf(pki.device(DEVICE))), 401, 401002,
                    "must reach a CA certificate that is uploaded to the service and verified");
        }

        @Test
        void expiredDeviceCertificate() {
            trustRootAndEnrollGroup();
            Instant now = Instant.now();
            HeldCertificate expired = pki.device(DEVICE, b -> b.validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))));

            assertDpsError(client.register(DEVICE, fullChainOf(expired)), 401, 401002, "certificate has expired");
        }

        @Test
        void deviceCertificateNotYetValid() {
            trustRootAndEnrollGroup();
            Instant now = Instant.now();
            HeldCertificate future = pki.device(DEVICE, b -> b.validity(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(30))));

            assertDpsError(client.register(DEVICE, fullChainOf(future)), 401, 401002, "certificate is not yet valid");
        }

        @Test
        void deviceCertificateForServerAuthenticationOnly() {
            trustRootAndEnrollGroup();
            HeldCertificate serverOnly = HeldCertificate.builder().commonName(DEVICE).serverAuth().signedBy(pki.intermediate()).build();

            assertDpsError(client.register(DEVICE, fullChainOf(serverOnly)), 401, 401002,
                    "certificate is not allowed for TLS client authentication");
        }

        @Test
        void certificateThatIsNotTheEnrolledOne() {
            HeldCertificate enrolled = HeldCertificate.builder().commonName(DEVICE).clientAuth().build();
            HeldCertificate impostor = HeldCertificate.builder().commonName(DEVICE).clientAuth().build();
            dps.putEnrollment(DEVICE, Enrollments.clientCertificate(enrolled.certificate()), Optional.empty());

            assertDpsError(client.register(DEVICE, fullChainOf(impostor)), 401, 401002,
                    "is not the primary or secondary certificate enrolled for '" + DEVICE + "'");
        }

        private void trustRootAndEnrollGroup() {
            dps.putCaCertificate(ROOT_CA_NAME, pki.root().certificate(), true, Optional.empty());
            dps.putGroup(GROUP, Enrollments.signingCertificate(pki.intermediate().certificate()), Optional.empty());
        }

        private List<String> fullChainOf(HeldCertificate device) {
            return SeedPki.curlIdentity(dir, device.commonName(), device.fullChain(), device.privateKey());
        }
    }

    @Nested
    class RegistrationsThatEndWithoutAHub {
        @Test
        void disabledIndividualEnrollment() {
            Attestation.SymmetricKey keys = Enrollments.keysOf(dps.putEnrollment(DEVICE,
                    Enrollments.disabled(Enrollments.symmetricKey()), Optional.empty()).attestation());
            List<String> credentials = DpsClient.sas(SeedScripts.sasToken(dir, client.resourceUri(DEVICE), keys.primaryKey()));

            JsonObject state = assertEndedWith("disabled", client.registerAndAwait(DEVICE, credentials));

            assertThat(state.containsKey("assignedHub")).isFalse();
            assertThat(dps.hubs().getFirst().device(DEVICE)).isEmpty();
        }

        @Test
        void devicesOfADisabledGroup() {
            Attestation.SymmetricKey groupKeys = Enrollments.keysOf(dps.putGroup(GROUP,
                    Enrollments.disabled(Enrollments.symmetricKey()), Optional.empty()).attestation());
            String deviceKey = SeedScripts.deriveDeviceKey(dir, groupKeys.primaryKey(), DEVICE);
            List<String> credentials = DpsClient.sas(SeedScripts.sasToken(dir, client.resourceUri(DEVICE), deviceKey));

            JsonObject state = assertEndedWith("disabled", client.registerAndAwait(DEVICE, credentials));

            assertThat(state.getJsonObject("symmetricKey").getString("enrollmentGroupId")).isEqualTo(GROUP);
            assertThat(dps.hubs().getFirst().device(DEVICE)).isEmpty();
        }

        @Test
        void disabledIndividualEnrollmentWinsOverAnEnabledGroup() {
            SeedPki pki = SeedPki.create();
            HeldCertificate device = pki.device(DEVICE);
            dps.putCaCertificate(ROOT_CA_NAME, pki.root().certificate(), true, Optional.empty());
            dps.putGroup(GROUP, Enrollments.signingCertificate(pki.intermediate().certificate()), Optional.empty());
            dps.putEnrollment(DEVICE, Enrollments.disabled(Enrollments.clientCertificate(device.certificate())), Optional.empty());
            List<String> credentials = pki.writeSeedFiles(dir, device).curlCredentials();

            JsonObject state = assertEndedWith("disabled", client.registerAndAwait(DEVICE, credentials));

            assertThat(state.getJsonObject("x509").containsKey("enrollmentGroupId")).isFalse();
            assertThat(dps.hubs().getFirst().device(DEVICE)).isEmpty();
        }

        @Test
        void allocationToAHubThatIsNotLinked() {
            Attestation.SymmetricKey keys = Enrollments.keysOf(dps.putEnrollment(DEVICE,
                    Enrollments.withIotHubs(Enrollments.symmetricKey(), List.of("not-linked.azure-devices.net")),
                    Optional.empty()).attestation());
            List<String> credentials = DpsClient.sas(SeedScripts.sasToken(dir, client.resourceUri(DEVICE), keys.primaryKey()));

            JsonObject state = assertEndedWith("failed", client.registerAndAwait(DEVICE, credentials));

            assertThat(state.getInt("errorCode")).isEqualTo(400208);
            assertThat(state.getString("errorMessage")).contains("not-linked.azure-devices.net");
            assertThat(dps.hubs().getFirst().devices()).isEmpty();
        }

        private JsonObject assertEndedWith(String status, CurlResponse outcome) {
            String context = DpsClient.describe(outcome);
            assertThat(outcome.status()).as(context).isEqualTo(200);
            assertThat(outcome.header("Content-Type")).as(context).contains("application/json; charset=utf-8");
            assertThat(outcome.json().getString("status")).as(context).isEqualTo(status);
            JsonObject state = outcome.json().getJsonObject("registrationState");
            assertThat(state.getString("status")).as(context).isEqualTo(status);
            assertThat(state.getString("registrationId")).as(context).isEqualTo(DEVICE);
            return state;
        }
    }
}
