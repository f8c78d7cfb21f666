package dev.dpsrig.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubMessageResult;
import com.microsoft.azure.sdk.iot.device.Message;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClient;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientRegistrationResult;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientStatus;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientTransportProtocol;
import com.microsoft.azure.sdk.iot.provisioning.security.SecurityProvider;
import dev.dpsrig.protocol.MessageProperty;
import dev.dpsrig.simulator.hub.CloudToDeviceMessage;
import dev.dpsrig.simulator.hub.DeviceMessage;
import dev.dpsrig.simulator.hub.Settlement;
import dev.dpsrig.simulator.hub.SimulatedHub;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** What every device test does with the SDKs: register (over HTTPS unless told), then one message each way on the assigned hub. */
final class DeviceRoundTrip {
    static final Duration WAIT = Duration.ofSeconds(20);
    /** The HTTPS transport polls for cloud-to-device messages; the SDK's default of every 10 ms would hammer the hub. */
    static final int RECEIVE_INTERVAL_MILLIS = 100;

    private DeviceRoundTrip() {
    }

    /** The provisioning device client over HTTPS with {@code globalEndpoint} and {@code idScope} from dev-settings.json. */
    static ProvisioningDeviceClientRegistrationResult register(DevSettings settings, String registrationId,
                                                               SecurityProvider securityProvider) throws Exception {
        return register(settings, registrationId, securityProvider, ProvisioningDeviceClientTransportProtocol.HTTPS);
    }

    /** The provisioning device client over {@code transport}, with {@code globalEndpoint} and {@code idScope} from dev-settings.json. */
    static ProvisioningDeviceClientRegistrationResult register(DevSettings settings, String registrationId,
                                                               SecurityProvider securityProvider,
                                                               ProvisioningDeviceClientTransportProtocol transport) throws Exception {
        ProvisioningDeviceClient provisioning = ProvisioningDeviceClient.create(settings.globalEndpoint(), settings.idScope(),
                transport, securityProvider);
        ProvisioningDeviceClientRegistrationResult result;
        try {
            result = provisioning.registerDeviceSync();
        } finally {
            provisioning.close();
        }
        assertThat(result.getProvisioningDeviceClientStatus()).isEqualTo(ProvisioningDeviceClientStatus.PROVISIONING_DEVICE_STATUS_ASSIGNED);
        assertThat(result.getRegistrationId()).isEqualTo(registrationId);
        assertThat(result.getDeviceId()).isEqualTo(registrationId);
        return result;
    }

    /**
     * Opens {@code client} (not yet open), sends a telemetry message the hub must log with its body and
     * application property, then receives a cloud-to-device message queued through the hub's in-process
     * API and completes it; closes the client.
     */
    static void telemetryAndCloudToDevice(SimulatedHub hub, String deviceId, DeviceClient client) throws Exception {
        BlockingQueue<Message> received = new LinkedBlockingQueue<>();
        client.setMessageCallback((message, context) -> {
            received.add(message);
            return IotHubMessageResult.COMPLETE;
        }, null);
        client.open(false);
        try {
            sendTelemetry(hub, deviceId, client);

            CloudToDeviceMessage queued = hub.sendToDevice(deviceId, "{\"command\":\"blink\"}".getBytes(StandardCharsets.UTF_8),
                    Map.of("priority", "high"), Map.of(MessageProperty.MESSAGE_ID, "c2d-" + deviceId), Optional.empty());
            Message command = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(command).as("the cloud-to-device message reached the SDK's message callback").isNotNull();
            assertThat(new String(command.getBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"command\":\"blink\"}");
            assertThat(command.getProperty("priority")).isEqualTo("high");
            assertThat(command.getMessageId()).isEqualTo("c2d-" + deviceId);

            assertThat(awaitSettlement(hub, queued).outcome()).isEqualTo(Settlement.Outcome.COMPLETED);
            assertThat(hub.deviceBound(deviceId)).isEmpty();
        } finally {
            client.close();
        }
    }

    /** Sends a message with a body, an application property and system properties; the hub logs it with them all. */
    private static void sendTelemetry(SimulatedHub hub, String deviceId, DeviceClient client) throws Exception {
        Message telemetry = new Message("{\"temperature\":21.5}");
        telemetry.setProperty("sdk", "java");
        telemetry.setContentType("application/json");
        telemetry.setContentEncoding("utf-8");
        client.sendEvent(telemetry);

        DeviceMessage arrived = hub.awaitMessages(deviceId, 1, WAIT).getFirst();
        assertThat(arrived.bodyText()).isEqualTo("{\"temperature\":21.5}");
        assertThat(arrived.properties()).containsEntry("sdk", "java");
        assertThat(arrived.systemProperty(MessageProperty.CONTENT_TYPE)).contains("application/json");
        assertThat(arrived.systemProperty(MessageProperty.MESSAGE_ID)).contains(telemetry.getMessageId());
        assertThat(arrived.systemProperty(MessageProperty.CORRELATION_ID)).contains(telemetry.getCorrelationId());
    }

    private static Settlement awaitSettlement(SimulatedHub hub, CloudToDeviceMessage message) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Settlement> settled = hub.settlements().stream()
                    .filter(settlement -> settlement.message().sequenceNumber() == message.sequenceNumber())
                    .findFirst();
            if (settled.isPresent()) {
                return settled.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the device never settled " + message + "; settlements: " + hub.settlements());
    }
}
