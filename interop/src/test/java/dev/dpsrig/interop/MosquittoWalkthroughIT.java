package dev.dpsrig.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.protocol.MessageProperty;
import dev.dpsrig.protocol.RegistrationStatus;
import dev.dpsrig.simulator.dps.Registration;
import dev.dpsrig.simulator.hub.DeviceMessage;
import dev.dpsrig.simulator.hub.SimulatedHub;
import dev.dpsrig.simulator.server.LocalSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's walkthrough "DPS and telemetry over MQTT with mosquitto", run as written with Debian's stock
 * {@code mosquitto_pub}, {@code python3} and the dpsrig command, against the simulator in the SDK-compatible layout
 * with its data directory in the walkthrough's folder: a symmetric-key device and an X.509 device each register over
 * MQTT and send a telemetry message over MQTT, which the hub must have logged with its credentials' kind.
 */
class MosquittoWalkthroughIT {
    private static final String BASE_ADDRESS = "127.0.57.1";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path folder;

    private static LocalSimulator simulator;
    private static DevSettings settings;
    private static ReadmeWalkthrough walkthrough;

    @BeforeAll
    static void start() {
        walkthrough = ReadmeWalkthrough.section("Walkthrough: DPS and telemetry over MQTT with mosquitto");
        assertThat(walkthrough.blocks()).as("the walkthrough's symmetric-key and X.509 blocks").hasSize(2);
        simulator = SdkSimulator.start(BASE_ADDRESS, folder.resolve("dpsrig-data"));
        settings = DevSettings.read(simulator.devSettingsFile());
    }

    @AfterAll
    static void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void symmetricKeyDeviceRegistersAndSendsTelemetry() throws Exception {
        DeviceMessage message = runAndAwaitTelemetry(0, "my-mqtt-device");

        assertThat(message.bodyText()).isEqualTo("{\"temperature\": 30}");
        assertThat(message.systemProperty(MessageProperty.CONTENT_TYPE)).contains("application/json");
        assertThat(message.systemProperty(MessageProperty.CONTENT_ENCODING)).contains("utf-8");
        assertThat(message.authMethod()).isEqualTo("sas");
    }

    @Test
    void x509DeviceRegistersAndSendsTelemetryWithItsCertificate() throws Exception {
        DeviceMessage message = runAndAwaitTelemetry(1, "my-x509-mqtt-device");

        assertThat(message.bodyText()).isEqualTo("{\"temperature\": 31}");
        assertThat(message.authMethod()).isEqualTo("selfSigned");
    }

    /** Runs a block, which must succeed, leave its device assigned to the hub it names and have sent it one message. */
    private static DeviceMessage runAndAwaitTelemetry(int block, String registrationId) throws Exception {
        DevSettings.Hub hub = settings.hubs().getFirst();
        ReadmeWalkthrough.Run run = walkthrough.run(block, folder,
                Map.of("127.0.0.1", settings.globalEndpoint(), "127.0.0.2", hub.hostName()));

        assertThat(run.exitCode()).as(run.output()).isZero();
        Registration registration = simulator.service().registration(registrationId);
        assertThat(registration.status()).isEqualTo(RegistrationStatus.ASSIGNED);
        assertThat(registration.assignedHub()).contains(hub.hostName());
        assertThat(run.output()).as("registration show printed the assignment")
                .contains("\"registrationId\": \"" + registrationId + "\"", "\"status\": \"assigned\"");
        SimulatedHub simulatedHub = simulator.iotHub(hub.name());
        DeviceMessage message = simulatedHub.awaitMessages(registrationId, 1, WAIT).getFirst();
        assertThat(run.output()).as("hub messages listed it").contains(hub.name() + " " + registrationId);
        return message;
    }
}
