package dev.dpsrig.simulator.http;

import static dev.dpsrig.simulator.http.DpsAssertions.assertAssigned;
import static dev.dpsrig.simulator.http.HubAssertions.assertHubError;
import static dev.dpsrig.simulator.http.HubAssertions.assertNoContent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.protocol.MessageProperty;
import dev.dpsrig.simulator.dps.Attestation;
import dev.dpsrig.simulator.hub.DeviceMessage;
import dev.dpsrig.simulator.hub.SimulatedHub;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walkthroughs carried past registration: each device registers through DPS as in
 * SeedWalkthroughIT and SeedChainAndGroupWalkthroughIT, then sends the walkthrough's telemetry curl
 * command, unchanged but for host, port and {@code --cacert}, to the hub DPS assigned; the simulated
 * hub answers 204 and the message is there, with its properties, through the in-process API.
 */
class HubTelemetryIT {
    private static final String ROOT_CA_NAME = "azure-iot-test-only-root";
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private LocalSimulator simulator;
    private InProcessDps dps;
    private DpsClient client;
    private SimulatedHub hub;

    @BeforeEach
    void start() {
        simulator = LocalSimulator.start(SimulatorConfig.forTests());
        dps = simulator.service();
        client = new DpsClient(simulator, dir);
        hub = simulator.iotHub(SimulatorConfig.DEFAULT_HUB);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Nested
    class SymmetricKeyWalkthrough {
        @Test
        void individualEnrollmentSendsWithTheHubTokenFromTheSeedsGenerator() {
            String key = Enrollments.keysOf(dps.putEnrollment("my-symkey-device", Enrollments.symmetricKey(), Optional.empty())
                    .attestation()).primaryKey();
            JsonObject state = assertAssigned(client.registerAndAwait("my-symkey-device",
                    DpsClient.sas(SeedScripts.sasToken(dir, client.resourceUri("my-symkey-device"), key))));
            String assignedHub = state.getString("assignedHub");
            String deviceId = state.getString("deviceId");
            assertThat(assignedHub).isEqualTo(hub.hub().hostName());

            String token = SeedScripts.hubSasToken(dir, assignedHub + "/devices/" + deviceId, key);
            assertThat(token).startsWith("SharedAccessSignature sr=" + URLEncoder.encode(assignedHub + "/devices/" + deviceId,
                    StandardCharsets.UTF_8) + "&sig=").doesNotContain("skn=");

            CurlResponse sent = new HubClient(simulator, dir, assignedHub).seedTelemetry(deviceId, DpsClient.sas(token),
                    "iothub-app-alert: true", "iothub-messageid: m-1");

            assertNoContent(sent);
            assertThat(sent.header("x-ms-request-id")).isPresent();
            DeviceMessage message = hub.awaitMessages(deviceId, 1, WAIT).getFirst();
            assertThat(message.deviceId()).isEqualTo("my-symkey-device");
            assertThat(message.hub()).isEqualTo(SimulatorConfig.DEFAULT_HUB);
            assertThat(message.moduleId()).isEmpty();
            assertThat(message.bodyText()).isEqualTo(HubClient.SEED_TELEMETRY);
            assertThat(message.properties()).containsExactly(entry("alert", "true"));
            assertThat(message.systemProperty(MessageProperty.MESSAGE_ID)).contains("m-1");
            assertThat(message.authMethod()).isEqualTo("sas");
            assertThat(message.sequenceNumber()).isEqualTo(1);
            assertThat(message.enqueuedTime()).isBetween(Instant.now().minusSeconds(60), Instant.now());
            assertThat(hub.messages()).containsExactly(message);
        }

        @Test
        void groupDeviceSignsItsHubTokenWithTheKeyDerivedForIt() {
            Attestation.SymmetricKey groupKeys = Enrollments.keysOf(
                    dps.putGroup("contoso-group", Enrollments.symmetricKey(), Optional.empty()).attestation());
            String deviceKey = SeedScripts.deriveDeviceKey(dir, groupKeys.primaryKey(), "contoso-simdevice");
            JsonObject state = assertAssigned(client.registerAndAwait("contoso-simdevice",
                    DpsClient.sas(SeedScripts.sasToken(dir, client.resourceUri("contoso-simdevice"), deviceKey))));
            String token = SeedScripts.hubSasToken(dir, state.getString("assignedHub") + "/devices/contoso-simdevice", deviceKey);

            assertNoContent(new HubClient(simulator, dir, state.getString("assignedHub"))
                    .seedTelemetry("contoso-simdevice", DpsClient.sas(token)));

            DeviceMessage message = hub.awaitMessages("contoso-simdevice", 1, WAIT).getFirst();
            assertThat(message.bodyText()).isEqualTo(HubClient.SEED_TELEMETRY);
            assertThat(message.authMethod()).isEqualTo("sas");
        }

        @Test
        void tokenSignedWithTheSecondaryKeyIsAccepted() {
            Attestation.SymmetricKey keys = Enrollments.keysOf(
                    dps.putEnrollment("my-symkey-device", Enrollments.symmetricKey(), Optional.empty()).attestation());
            assertAssigned(client.registerAndAwait("my-symkey-device",
                    DpsClient.sas(SeedScripts.sasToken(dir, client.resourceUri("my-symkey-device"), keys.secondaryKey()))));
            HubClient hubClient = HubClient.of(simulator, dir);
            String token = SeedScripts.hubSasToken(dir, hubClient.resourceUri("my-symkey-device"), keys.secondaryKey());

            assertNoContent(hubClient.seedTelemetry("my-symkey-device", DpsClient.sas(token)));

            assertThat(hub.awaitMessages("my-symkey-device", 1, WAIT)).hasSize(1);
        }

        /** The Java and Node clients send {@code sr} raw and sign it raw; the hub verifies over sr as sent. */
        @Test
        void tokenWithAnUnencodedSrSignedAsSentIsAccepted() throws Exception {
            HubDevices.Provisioned device = new HubDevices(simulator, dir).symmetricKey("node-device");
            String sr = device.assignedHub() + "/devices/node-device";
            long se = Instant.now().plus(Duration.ofHours(1)).getEpochSecond();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(device.key().orElseThrow()), "HmacSHA256"));
            String signature = Base64.getEncoder().encodeToString(mac.doFinal((sr + "\n" + se).getBytes(StandardCharsets.UTF_8)));
            String token = "SharedAccessSignature sr=" + sr + "&sig=" + URLEncoder.encode(signature, StandardCharsets.UTF_8) + "&se=" + se;

            assertNoContent(HubClient.of(simulator, dir).seedTelemetry("node-device", DpsClient.sas(token)));

            assertThat(hub.awaitMessages("node-device", 1, WAIT).getFirst().authMethod()).isEqualTo("sas");
        }
    }

    @Nested
    class X509Walkthrough {
        @Test
        void selfSignedCertificateWithThePassPhraseProtectedKey() throws Exception {
            Processes.succeed(dir, List.of("openssl", "req", "-outform", "PEM", "-x509", "-sha256", "-newkey", "rsa:4096",
                    "-keyout", "device-key.pem", "-out", "device-cert.pem", "-days", "30", "-extensions", "usr_cert",
                    "-addext", "extendedKeyUsage=clientAuth", "-subj", "/CN=my-x509-device", "-passout", "pass:1234"));
            dps.putEnrollment("my-x509-device", Enrollments.clientCertificate(Files.readString(dir.resolve("device-cert.pem"))),
                    Optional.empty());
            List<String> credentials = List.of("--cert", "device-cert.pem:1234", "--key", "device-key.pem");
            JsonObject state = assertAssigned(client.registerAndAwait("my-x509-device", credentials));

            CurlResponse sent = new HubClient(simulator, dir, state.getString("assignedHub"))
                    .seedTelemetry(state.getString("deviceId"), credentials, "iothub-app-alert: true", "iothub-messageid: m-1");

            assertNoContent(sent);
            DeviceMessage message = hub.awaitMessages("my-x509-device", 1, WAIT).getFirst();
            assertThat(message.bodyText()).isEqualTo(HubClient.SEED_TELEMETRY);
            assertThat(message.properties()).containsExactly(entry("alert", "true"));
            assertThat(message.systemProperty(MessageProperty.MESSAGE_ID)).contains("m-1");
            assertThat(message.authMethod()).isEqualTo("selfSigned");
        }

        @Test
        void chainOfAnIndividualEnrollmentPresentedInFull() throws Exception {
            SeedPki pki = SeedPki.create();
            SeedPki.SeedFiles files = pki.writeSeedFiles(dir, pki.device("device-01"));
            dps.putCaCertificate(ROOT_CA_NAME, pki.root().certificate(), true, Optional.empty());
            dps.putEnrollment("device-01", Enrollments.clientCertificate(Files.readString(dir.resolve(files.deviceCertificate()))),
                    Optional.empty());
            JsonObject state = assertAssigned(client.registerAndAwait("device-01", files.curlCredentials()));

            CurlResponse sent = new HubClient(simulator, dir, state.getString("assignedHub"))
                    .seedTelemetry("device-01", files.curlCredentials(), "iothub-app-alert: true");

            assertNoContent(sent);
            DeviceMessage message = hub.awaitMessages("device-01", 1, WAIT).getFirst();
            assertThat(message.bodyText()).isEqualTo(HubClient.SEED_TELEMETRY);
            assertThat(message.properties()).containsExactly(entry("alert", "true"));
            assertThat(message.authMethod()).isEqualTo("selfSigned");
        }

        @Test
        void deviceOfAnEnrollmentGroupPresentsItsFullChain() {
            SeedPki pki = SeedPki.create();
            SeedPki.SeedFiles files = pki.writeSeedFiles(dir, pki.device("device-01"));
            dps.putCaCertificate(ROOT_CA_NAME, pki.root().certificate(), true, Optional.empty());
            dps.putGroup("contoso-group", Enrollments.signingCertificate(pki.intermediate().certificate()), Optional.empty());
            JsonObject state = assertAssigned(client.registerAndAwait("device-01", files.curlCredentials()));

            CurlResponse sent = new HubClient(simulator, dir, state.getString("assignedHub"))
                    .seedTelemetry("device-01", files.curlCredentials(), "iothub-messageid: m-1");

            assertNoContent(sent);
            DeviceMessage message = hub.awaitMessages("device-01", 1, WAIT).getFirst();
            assertThat(message.bodyText()).isEqualTo(HubClient.SEED_TELEMETRY);
            assertThat(message.systemProperty(MessageProperty.MESSAGE_ID)).contains("m-1");
            assertThat(message.authMethod()).isEqualTo("certificateAuthority");
        }

        @Test
        void groupDeviceWithANewCertificateFromTheSameCaNeedsNoNewRegistration() {
            SeedPki pki = SeedPki.create();
            dps.putCaCertificate(ROOT_CA_NAME, pki.root().certificate(), true, Optional.empty());
            dps.putGroup("contoso-group", Enrollments.signingCertificate(pki.intermediate().certificate()), Optional.empty());
            assertAssigned(client.registerAndAwait("device-01", pki.writeSeedFiles(dir, pki.device("device-01")).curlCredentials()));
            HeldCertificate renewed = pki.device("device-01");
            List<String> renewedCredentials = SeedPki.curlIdentity(dir, "device-01-renewed", renewed.fullChain(), renewed.privateKey());

            assertNoContent(HubClient.of(simulator, dir).seedTelemetry("device-01", renewedCredentials));

            assertThat(hub.awaitMessages("device-01", 1, WAIT).getFirst().authMethod()).isEqualTo("certificateAuthority");
        }
    }

    @Nested
    class TwoHubs {
        @BeforeEach
        void startWithTwoHubs() {
            simulator.close();
            simulator = LocalSimulator.start(SimulatorConfig.builder().assignmentDelay(Duration.ZERO)
                    .addHub(SimulatorConfig.HubSpec.named("hub-a", 0)).addHub(SimulatorConfig.HubSpec.named("hub-b", 0)).build());
            dps = simulator.service();
            client = new DpsClient(simulator, dir);
        }

        @Test
        void deviceTalksToTheHubDpsAssignedAndTheOtherHubDoesNotKnowIt() {
            String hubB = simulator.iotHub("hub-b").hub().hostName();
            String key = Enrollments.keysOf(dps.putEnrollment("my-symkey-device",
                    Enrollments.withIotHubs(Enrollments.symmetricKey(), List.of(hubB)), Optional.empty()).attestation()).primaryKey();
            JsonObject state = assertAssigned(client.registerAndAwait("my-symkey-device",
                    DpsClient.sas(SeedScripts.sasToken(dir, client.resourceUri("my-symkey-device"), key))));
            assertThat(state.getString("assignedHub")).isEqualTo(hubB);
            assertThat(simulator.iotHubs()).extracting(SimulatedHub::name).containsExactly("hub-a", "hub-b");
            List<String> credentials = DpsClient.sas(SeedScripts.hubSasToken(dir, hubB + "/devices/my-symkey-device", key));

            assertNoContent(new HubClient(simulator, dir, hubB).seedTelemetry("my-symkey-device", credentials));
            assertHubError(new HubClient(simulator, dir, simulator.iotHub("hub-a").hub().hostName())
                    .seedTelemetry("my-symkey-device", credentials), 401, "IotHubUnauthorized", 401003,
                    "IotHub 'hub-a' does not contain the specified device 'my-symkey-device'");

            assertThat(simulator.iotHub("hub-b").awaitMessages("my-symkey-device", 1, WAIT)).hasSize(1);
            assertThat(simulator.iotHub("hub-a").messages()).isEmpty();
        }
    }

    @Nested
    class WhatTheDeviceSends {
        private HubDevices.Provisioned device;
        private HubClient hubClient;

        @BeforeEach
        void provision() {
            device = new HubDevices(simulator, dir).symmetricKey("my-symkey-device");
            hubClient = new HubClient(simulator, dir, device.assignedHub());
        }

        @Test
        void systemPropertiesTravelAsIothubHeaders() {
            CurlResponse sent = hubClient.send(device.deviceId(), device.hubCredentials(), bytes("{\"t\":1}"),
                    "iothub-messageid: m-1", "iothub-correlationid: c-1", "iothub-contenttype: application/json",
                    "iothub-contentencoding: utf-8", "iothub-creation-time-utc: 2024-05-01T10:00:00.000Z",
                    "iothub-userid: user-1", "dt-subject: thermostat1", "iothub-app-severity: high",
                    "iothub-to: /devices/" + device.deviceId() + "/messages/events");

            assertNoContent(sent);
            DeviceMessage message = hub.awaitMessages(device.deviceId(), 1, WAIT).getFirst();
            assertThat(message.systemProperties()).containsOnly(
                    entry(MessageProperty.MESSAGE_ID, "m-1"),
                    entry(MessageProperty.CORRELATION_ID, "c-1"),
                    entry(MessageProperty.CONTENT_TYPE, "application/json"),
                    entry(MessageProperty.CONTENT_ENCODING, "utf-8"),
                    entry(MessageProperty.CREATION_TIME_UTC, "2024-05-01T10:00:00.000Z"),
                    entry(MessageProperty.USER_ID, "user-1"),
                    entry(MessageProperty.DT_SUBJECT, "thermostat1"));
            assertThat(message.properties()).containsExactly(entry("severity", "high"));
        }

        @Test
        void creationTimeInTheCSharpSpellingIsTheSameProperty() {
            assertNoContent(hubClient.send(device.deviceId(), device.hubCredentials(), bytes("x"),
                    "iothub-creationtimeutc: 2024-05-01T10:00:00Z"));

            assertThat(hub.awaitMessages(device.deviceId(), 1, WAIT).getFirst().systemProperty(MessageProperty.CREATION_TIME_UTC))
                    .contains("2024-05-01T10:00:00Z");
        }

        /** HTTP does not promise header order, so only a batch (JSON) can promise the order of properties. */
        @Test
        void applicationPropertiesKeepTheCaseOfTheirNamesAndEveryAllowedCharacter() {
            assertNoContent(hubClient.send(device.deviceId(), device.hubCredentials(), bytes("x"),
                    "iothub-app-Zeta: 1", "iothub-app-alpha: 2", "IOTHUB-APP-MixedCase: a.b-c_d~e!#$%&'*+^`|"));

            assertThat(hub.awaitMessages(device.deviceId(), 1, WAIT).getFirst().properties())
                    .containsOnly(entry("Zeta", "1"), entry("alpha", "2"), entry("MixedCase", "a.b-c_d~e!#$%&'*+^`|"));
        }

        @Test
        void requestContentTypeAndContentEncodingAreAcceptedButAreNotMessageProperties() {
            assertNoContent(hubClient.send(device.deviceId(), device.hubCredentials(), bytes("{\"temperature\": 30}"),
                    "Content-Type: application/json", "Content-Encoding: utf-8"));

            DeviceMessage message = hub.awaitMessages(device.deviceId(), 1, WAIT).getFirst();
            assertThat(message.bodyText()).isEqualTo("{\"temperature\": 30}");
            assertThat(message.systemProperties()).isEmpty();
            assertThat(message.properties()).isEmpty();
        }

        @Test
        void whatEachSdkSendsAsContentTypeIsAccepted() {
            assertNoContent(hubClient.send(device.deviceId(), device.hubCredentials(), bytes("c"), "Content-Type: application/octet-stream"));
            assertNoContent(hubClient.send(device.deviceId(), device.hubCredentials(), bytes("java"), "Content-Type: binary/octet-stream"));
            assertNoContent(hubClient.send(device.deviceId(), device.hubCredentials(), bytes("java-json"),
                    "Content-Type: application/json;charset=utf-8"));
            assertNoContent(hubClient.send(device.deviceId(), device.hubCredentials(), bytes("c#"), "Content-Type:"));

            assertThat(hub.awaitMessages(device.deviceId(), 4, WAIT)).extracting(DeviceMessage::bodyText)
                    .containsExactly("c", "java", "java-json", "c#");
        }

        @Test
        void binaryBodyIsStoredByteForByte() {
            byte[] body = new byte[1024];
            for (int i = 0; i < body.length; i++) {
                body[i] = (byte) (i * 7);
            }

            assertNoContent(hubClient.send(device.deviceId(), device.hubCredentials(), body, "Content-Type: application/octet-stream"));

            assertThat(hub.awaitMessages(device.deviceId(), 1, WAIT).getFirst().body()).isEqualTo(body);
        }

        @Test
        void messageOfExactlyTheLimitIsAccepted() {
            byte[] body = new byte[256 * 1024];

            assertNoContent(hubClient.send(device.deviceId(), device.hubCredentials(), body, "Content-Type: application/octet-stream"));

            assertThat(hub.awaitMessages(device.deviceId(), 1, WAIT).getFirst().bodySize()).isEqualTo(256 * 1024);
        }

        @Test
        void trailingSlashAfterTheEventsPathIsIgnored() {
            CurlResponse withSlash = hubClient.post("/devices/" + device.deviceId() + "/messages/events/", device.hubCredentials(),
                    bytes("slash"));

            assertNoContent(withSlash);
            assertThat(hub.awaitMessages(device.deviceId(), 1, WAIT).getFirst().bodyText()).isEqualTo("slash");
        }

        @Test
        void messagesAreNumberedInTheOrderTheHubAcceptedThem() throws Exception {
            HubDevices.Provisioned other = new HubDevices(simulator, dir).symmetricKey("other-device");
            assertNoContent(hubClient.send(device.deviceId(), device.hubCredentials(), bytes("1")));
            assertNoContent(hubClient.send(other.deviceId(), other.hubCredentials(), bytes("2")));
            assertNoContent(hubClient.send(device.deviceId(), device.hubCredentials(), bytes("3")));

            assertThat(hub.messages()).extracting(DeviceMessage::sequenceNumber, DeviceMessage::bodyText)
                    .containsExactly(tuple(1L, "1"), tuple(2L, "2"),
                            tuple(3L, "3"));
            assertThat(hub.messages(device.deviceId())).extracting(DeviceMessage::bodyText).containsExactly("1", "3");
            assertThat(hub.messagesAfter(1, Optional.of(device.deviceId()), Duration.ZERO))
                    .extracting(DeviceMessage::bodyText).containsExactly("3");
            assertThat(hub.messagesAfter(3, Optional.empty(), Duration.ofMillis(50))).isEmpty();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
