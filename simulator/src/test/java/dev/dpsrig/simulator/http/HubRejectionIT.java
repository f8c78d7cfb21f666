package dev.dpsrig.simulator.http;

import static dev.dpsrig.simulator.http.DpsAssertions.assertAssigned;
import static dev.dpsrig.simulator.http.HubAssertions.assertHubError;
import static dev.dpsrig.simulator.http.HubAssertions.assertNoContent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.protocol.SasToken;
import dev.dpsrig.protocol.SymmetricKeys;
import dev.dpsrig.simulator.hub.SimulatedHub;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way the simulated hub turns a device-to-cloud message away, over real HTTPS with curl: the
 * status, the {@code iothub-errorcode} header, the hub's error body with a message that names what
 * was wrong, and nothing stored.
 */
class HubRejectionIT {
    private static final String DEVICE = "device-01";
    private static final String OTHER_DEVICE = "device-02";
    private static final String ROOT_CA_NAME = "azure-iot-test-only-root";
    private static final byte[] TELEMETRY = HubClient.SEED_TELEMETRY.getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private LocalSimulator simulator;
    private SimulatedHub hub;
    private HubDevices devices;
    private HubClient hubClient;

    @BeforeEach
    void start() {
        simulator = LocalSimulator.start(SimulatorConfig.forTests());
        hub = simulator.iotHub(SimulatorConfig.DEFAULT_HUB);
        devices = new HubDevices(simulator, dir);
        hubClient = HubClient.of(simulator, dir);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private void assertNothingStored() {
        assertThat(hub.messages()).as("messages the hub stored").isEmpty();
    }

    @Nested
    class SasRefusals {
        private HubDevices.Provisioned device;

        @BeforeEach
        void provision() {
            device = devices.symmetricKey(DEVICE);
        }

        @Test
        void tokenSignedWithAWrongKey() {
            String token = SeedScripts.hubSasToken(dir, hubClient.resourceUri(DEVICE), SymmetricKeys.generate());

            assertHubError(hubClient.seedTelemetry(DEVICE, DpsClient.sas(token)), 401, "IotHubUnauthorizedAccess", 401002,
                    "the token's signature matches neither key of device '" + DEVICE + "'");
            assertNothingStored();
        }

        @Test
        void expiredToken() {
            Instant expiry = Instant.now().minus(Duration.ofMinutes(1));
            String token = SasToken.sign(hubClient.resourceUri(DEVICE), device.key().orElseThrow(), expiry, Optional.empty())
                    .toAuthorizationHeader();

            assertHubError(hubClient.seedTelemetry(DEVICE, DpsClient.sas(token)), 401, "IotHubUnauthorizedAccess", 401002,
                    "the token expired at " + Instant.ofEpochSecond(expiry.getEpochSecond()));
            assertNothingStored();
        }

        @Test
        void tokenScopedToDpsRatherThanTheHub() {
            String dpsToken = SeedScripts.sasToken(dir, simulator.idScope() + "/registrations/" + DEVICE, device.key().orElseThrow());

            assertHubError(hubClient.seedTelemetry(DEVICE, DpsClient.sas(dpsToken)), 401, "IotHubUnauthorizedAccess", 401002,
                    "this is a DPS token; it is good for registration only");
            assertNothingStored();
        }

        @Test
        void tokenOfAnotherDevice() {
            HubDevices.Provisioned other = devices.symmetricKey(OTHER_DEVICE);

            assertHubError(hubClient.seedTelemetry(DEVICE, other.hubCredentials()), 401, "IotHubUnauthorizedAccess", 401002,
                    "the token is for '" + hubClient.resourceUri(OTHER_DEVICE) + "', not for device '" + DEVICE + "'");
            assertNothingStored();
        }

        @Test
        void tokenForThisDeviceSignedWithAnotherDevicesKey() {
            HubDevices.Provisioned other = devices.symmetricKey(OTHER_DEVICE);
            String token = SeedScripts.hubSasToken(dir, hubClient.resourceUri(DEVICE), other.key().orElseThrow());

            assertHubError(hubClient.seedTelemetry(DEVICE, DpsClient.sas(token)), 401, "IotHubUnauthorizedAccess", 401002,
                    "matches neither key of device '" + DEVICE + "'");
            assertNothingStored();
        }

        @Test
        void tokenForAnotherHub() {
            String token = SeedScripts.hubSasToken(dir, "other-hub.azure-devices.net/devices/" + DEVICE, device.key().orElseThrow());

            assertHubError(hubClient.seedTelemetry(DEVICE, DpsClient.sas(token)), 401, "IotHubUnauthorizedAccess", 401002,
                    "the token's resource 'other-hub.azure-devices.net/devices/" + DEVICE + "' is not this hub");
            assertNothingStored();
        }

        @Test
        void tokenNamingASharedAccessPolicy() {
            String token = SasToken.sign(hubClient.resourceUri(DEVICE), device.key().orElseThrow(),
                    Instant.now().plus(Duration.ofHours(1)), Optional.of("device")).toAuthorizationHeader();

            assertHubError(hubClient.seedTelemetry(DEVICE, DpsClient.sas(token)), 401, "IotHubUnauthorizedAccess", 401002,
                    "names the shared access policy 'device'");
            assertNothingStored();
        }

        @Test
        void authorizationThatIsNotASasToken() {
            assertHubError(hubClient.seedTelemetry(DEVICE, DpsClient.sas("Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig")),
                    401, "IotHubUnauthorizedAccess", 401002, "Authorization is not a SAS token");
            assertNothingStored();
        }

        @Test
        void noCredentialsAtAll() {
            assertHubError(hubClient.seedTelemetry(DEVICE, List.of()), 401, "IotHubUnauthorizedAccess", 401002,
                    "no Authorization header and no client certificate: device '" + DEVICE + "' must present a SAS token");
            assertNothingStored();
        }

        @Test
        void certificateInsteadOfATokenForASymmetricKeyDevice() {
            HeldCertificate certificate = HubDevices.selfSigned(DEVICE);
            List<String> credentials = SeedPki.curlIdentity(dir, DEVICE, certificate.fullChain(), certificate.privateKey());

            assertHubError(hubClient.seedTelemetry(DEVICE, credentials), 401, "IotHubUnauthorizedAccess", 401002,
                    "device '" + DEVICE + "' authenticates with symmetric keys; send a SAS token in the Authorization header");
            assertNothingStored();
        }
    }

    @Nested
    class CertificateRefusals {
        @Test
        void certificateOfAnotherSelfSignedDevice() {
            devices.x509(HubDevices.selfSigned(DEVICE));
            HubDevices.Provisioned other = devices.x509(HubDevices.selfSigned(OTHER_DEVICE));

            assertHubError(hubClient.seedTelemetry(DEVICE, other.hubCredentials()), 401, "IotHubUnauthorizedAccess", 401002,
                    "Thumbprint does not match configuration");
            assertNothingStored();
        }

        @Test
        void impostorCertificateWithTheDevicesCommonName() {
            devices.x509(HubDevices.selfSigned(DEVICE));
            HeldCertificate impostor = HubDevices.selfSigned(DEVICE);
            List<String> credentials = SeedPki.curlIdentity(dir, "impostor", impostor.fullChain(), impostor.privateKey());

            assertHubError(hubClient.seedTelemetry(DEVICE, credentials), 401, "IotHubUnauthorizedAccess", 401002,
                    "is not the primary");
            assertNothingStored();
        }

        @Test
        void sasTokenForAnX509Device() {
            devices.x509(HubDevices.selfSigned(DEVICE));
            String token = SeedScripts.hubSasToken(dir, hubClient.resourceUri(DEVICE), SymmetricKeys.generate());

            assertHubError(hubClient.seedTelemetry(DEVICE, DpsClient.sas(token)), 401, "IotHubUnauthorizedAccess", 401002,
                    "device '" + DEVICE + "' authenticates with X.509 (selfSigned); present its certificate instead of a SAS token");
            assertNothingStored();
        }

        @Test
        void noCredentialsForAnX509Device() {
            devices.x509(HubDevices.selfSigned(DEVICE));

            assertHubError(hubClient.seedTelemetry(DEVICE, List.of()), 401, "IotHubUnauthorizedAccess", 401002,
                    "must present its X.509 certificate in the TLS handshake");
            assertNothingStored();
        }

        @Test
        void groupDevicePresentingTheCertificateOfAnotherGroupDevice() {
            SeedPki pki = enrollGroup();
            assertAssigned(new DpsClient(simulator, dir).registerAndAwait(DEVICE, pki.writeSeedFiles(dir, pki.device(DEVICE)).curlCredentials()));
            HeldCertificate sibling = pki.device(OTHER_DEVICE);
            List<String> credentials = SeedPki.curlIdentity(dir, OTHER_DEVICE, sibling.fullChain(), sibling.privateKey());

            assertHubError(hubClient.seedTelemetry(DEVICE, credentials), 401, "IotHubUnauthorizedAccess", 401002,
                    "the client certificate's CN '" + OTHER_DEVICE + "' is not the device id '" + DEVICE + "'");
            assertNothingStored();
        }

        @Test
        void groupDevicePresentingACertificateFromAnotherCa() {
            SeedPki pki = enrollGroup();
            assertAssigned(new DpsClient(simulator, dir).registerAndAwait(DEVICE, pki.writeSeedFiles(dir, pki.device(DEVICE)).curlCredentials()));
            HeldCertificate foreign = SeedPki.create().device(DEVICE);
            List<String> credentials = SeedPki.curlIdentity(dir, "foreign", foreign.fullChain(), foreign.privateKey());

            assertHubError(hubClient.seedTelemetry(DEVICE, credentials), 401, "IotHubUnauthorizedAccess", 401002,
                    "the client certificate does not chain to the CA of device '" + DEVICE + "'");
            assertNothingStored();
        }

        private SeedPki enrollGroup() {
            SeedPki pki = SeedPki.create();
            simulator.service().putCaCertificate(ROOT_CA_NAME, pki.root().certificate(), true, Optional.empty());
            simulator.service().putGroup("contoso-group", Enrollments.signingCertificate(pki.intermediate().certificate()),
                    Optional.empty());
            return pki;
        }
    }

    @Nested
    class DeviceAndPathRefusals {
        @Test
        void deviceTheHubDoesNotKnow() {
            HubDevices.Provisioned device = devices.symmetricKey(DEVICE);
            String token = SeedScripts.hubSasToken(dir, hubClient.resourceUri("ghost-device"), device.key().orElseThrow());

            assertHubError(hubClient.seedTelemetry("ghost-device", DpsClient.sas(token)), 401, "IotHubUnauthorized", 401003,
                    "IotHub '" + SimulatorConfig.DEFAULT_HUB + "' does not contain the specified device 'ghost-device'");
            assertNothingStored();
        }

        @Test
        void deviceIdsAreCaseSensitive() {
            HubDevices.Provisioned device = devices.symmetricKey(DEVICE);
            String token = SeedScripts.hubSasToken(dir, hubClient.resourceUri("DEVICE-01"), device.key().orElseThrow());

            assertHubError(hubClient.seedTelemetry("DEVICE-01", DpsClient.sas(token)), 401, "IotHubUnauthorized", 401003,
                    "does not contain the specified device 'DEVICE-01'");
            assertNothingStored();
        }

        @Test
        void disabledDeviceIsNotFoundUntilEnabledAgain() {
            HubDevices.Provisioned device = devices.symmetricKey(DEVICE);
            hub.setDeviceEnabled(DEVICE, false);

            assertHubError(hubClient.seedTelemetry(DEVICE, device.hubCredentials()), 404, "DeviceNotFound", 404001,
                    "device '" + DEVICE + "' is disabled in hub '" + SimulatorConfig.DEFAULT_HUB + "'");
            assertNothingStored();

            hub.setDeviceEnabled(DEVICE, true);
            assertNoContent(hubClient.seedTelemetry(DEVICE, device.hubCredentials()));
            assertThat(hub.messages(DEVICE)).hasSize(1);
        }

        @Test
        void modulePathOfADevice() {
            HubDevices.Provisioned device = devices.symmetricKey(DEVICE);

            CurlResponse refused = hubClient.post("/devices/" + DEVICE + "/modules/filter/messages/events", device.hubCredentials(),
                    TELEMETRY, "Content-Type: application/json");

            assertHubError(refused, 404, "ModuleNotFound", 404010, "device '" + DEVICE + "' has no module 'filter'");
            assertNothingStored();
        }

        @Test
        void pathThatIsNotPartOfTheDeviceApi() {
            HubDevices.Provisioned device = devices.symmetricKey(DEVICE);

            CurlResponse refused = hubClient.post("/devices/" + DEVICE + "/messages/outbox", device.hubCredentials(), TELEMETRY);

            assertHubError(refused, 404, "NotFound", 404000, "the IoT Hub device API has no POST /devices/" + DEVICE
                    + "/messages/outbox");
            assertNothingStored();
        }

        @Test
        void eventsPathWithTheWrongMethod() {
            HubDevices.Provisioned device = devices.symmetricKey(DEVICE);

            CurlResponse refused = hubClient.request("GET", "/devices/" + DEVICE + "/messages/events", device.hubCredentials());

            assertHubError(refused, 405, "MethodNotAllowed", 405000, "method GET is not allowed on /devices/" + DEVICE
                    + "/messages/events; allowed: POST");
            assertThat(refused.header("Allow")).contains("POST");
        }
    }

    @Nested
    class MessageRefusals {
        private HubDevices.Provisioned device;

        @BeforeEach
        void provision() {
            device = devices.symmetricKey(DEVICE);
        }

        @Test
        void bodyOverTheLimit() {
            CurlResponse refused = hubClient.send(DEVICE, device.hubCredentials(), new byte[256 * 1024 + 1],
                    "Content-Type: application/octet-stream");

            assertHubError(refused, 413, "MessageTooLarge", 413001, "exceeds the 262144-byte limit");
            assertNothingStored();
        }

        @Test
        void bodyOverTheLimitSentChunked() {
            CurlResponse refused = hubClient.send(DEVICE, device.hubCredentials(), new byte[256 * 1024 + 1],
                    "Content-Type: application/octet-stream", "Transfer-Encoding: chunked");

            assertHubError(refused, 413, "MessageTooLarge", 413001, "exceeds the 262144-byte limit");
            assertNothingStored();
        }

        @Test
        void bodyOfSeveralMegabytesIsRefusedWithoutReadingIt() {
            CurlResponse refused = hubClient.send(DEVICE, device.hubCredentials(), new byte[8 * 1024 * 1024],
                    "Content-Type: application/octet-stream");

            assertHubError(refused, 413, "MessageTooLarge", 413001, "exceeds the 262144-byte limit");
            assertNothingStored();
        }

        @Test
        void bodyWithinTheLimitButPropertiesTakeItOver() {
            CurlResponse refused = hubClient.send(DEVICE, device.hubCredentials(), new byte[256 * 1024 - 8],
                    "Content-Type: application/octet-stream", "iothub-app-region: westeurope");

            assertHubError(refused, 413, "MessageTooLarge", 413001,
                    "a message of 262152 bytes (body, system property values, application property names and values)");
            assertNothingStored();
        }

        @Test
        void batchThatIsNotJson() {
            CurlResponse refused = hubClient.sendBatch(DEVICE, device.hubCredentials(), "[{\"body\": \"dGVzdA==\"");

            assertHubError(refused, 400, "IotHubFormatError", 400006, "a batch body must be a JSON array of messages");
            assertNothingStored();
        }

        @Test
        void batchThatIsAnObjectRatherThanAnArray() {
            CurlResponse refused = hubClient.sendBatch(DEVICE, device.hubCredentials(), "{\"body\": \"dGVzdA==\"}");

            assertHubError(refused, 400, "IotHubFormatError", 400006, "a batch body must be a JSON array of messages");
            assertNothingStored();
        }

        @Test
        void batchWithOneBadEntryStoresNoneOfIt() {
            String batch = "[{\"body\": \"" + base64("first") + "\"}, {\"body\": \"not base64!\"}, {\"body\": \"" + base64("third") + "\"}]";

            assertHubError(hubClient.sendBatch(DEVICE, device.hubCredentials(), batch), 400, "IotHubFormatError", 400006,
                    "batch entry 1: \"body\" is not base64");
            assertNothingStored();
        }

        @Test
        void batchEntryWithoutABody() {
            assertHubError(hubClient.sendBatch(DEVICE, device.hubCredentials(), "[{\"properties\": {}}]"), 400,
                    "IotHubFormatError", 400006, "batch entry 0 has no string \"body\"");
            assertNothingStored();
        }

        @Test
        void emptyBatch() {
            assertHubError(hubClient.sendBatch(DEVICE, device.hubCredentials(), "[]"), 400, "IotHubFormatError", 400006,
                    "the batch holds no messages");
            assertNothingStored();
        }

        @Test
        void batchOverTheLimitInTotal() {
            String half = base64(new byte[140 * 1024]);
            String batch = "[{\"body\": \"" + half + "\"}, {\"body\": \"" + half + "\"}]";

            assertHubError(hubClient.sendBatch(DEVICE, device.hubCredentials(), batch), 413, "MessageTooLarge", 413001,
                    "a batch of 2 messages totalling 286720 bytes exceeds the 262144-byte limit");
            assertNothingStored();
        }

        @Test
        void applicationPropertyValueWithCharactersHttpsCannotCarry() {
            CurlResponse refused = hubClient.send(DEVICE, device.hubCredentials(), TELEMETRY, "iothub-app-note: two words");

            assertHubError(refused, 400, "ArgumentInvalid", 400004, "application property 'note' = 'two words'");
            assertNothingStored();
        }
    }

    private static String base64(String text) {
        return base64(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
