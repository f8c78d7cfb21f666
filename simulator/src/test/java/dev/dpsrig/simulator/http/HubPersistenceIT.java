package dev.dpsrig.simulator.http;

import static dev.dpsrig.simulator.http.HubAssertions.assertNoContent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import dev.dpsrig.protocol.MessageProperty;
import dev.dpsrig.simulator.hub.CloudToDeviceMessage;
import dev.dpsrig.simulator.hub.DeviceMessage;
import dev.dpsrig.simulator.hub.QueuedMessage;
import dev.dpsrig.simulator.hub.SimulatedHub;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulator with a data directory keeps what its hubs accepted and what waits in their
 * cloud-to-device queues across a restart, and recovers a message log a crash cut short.
 */
class HubPersistenceIT {
    private static final String DEVICE = "persistent-device";

    @TempDir
    Path dataDir;

    @TempDir
    Path workDir;

    private LocalSimulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void acceptedMessagesAndCloudToDeviceQueuesSurviveARestart() {
        simulator = start();
        HubDevices.Provisioned device = new HubDevices(simulator, workDir).symmetricKey(DEVICE);
        HubClient hubClient = HubClient.of(simulator, workDir);
        assertNoContent(hubClient.seedTelemetry(DEVICE, device.hubCredentials(), "iothub-app-alert: true", "iothub-messageid: m-1"));
        assertNoContent(hubClient.sendBatch(DEVICE, device.hubCredentials(),
                "[{\"body\": \"b25l\", \"properties\": {\"iothub-app-k\": \"1\"}}, {\"body\": \"two\", \"base64Encoded\": false}]"));
        SimulatedHub hub = hub();
        List<DeviceMessage> accepted = hub.awaitMessages(DEVICE, 3, Duration.ofSeconds(5));
        CloudToDeviceMessage abandoned = hub.sendToDevice(DEVICE, bytes("first"), Map.of("color", "red"),
                Map.of(MessageProperty.MESSAGE_ID, "c2d-1", MessageProperty.CONTENT_TYPE, "application/json"), Optional.empty());
        CloudToDeviceMessage waiting = hub.sendToDevice(DEVICE, bytes("second"), Map.of(), Map.of(), Optional.of(Duration.ofMinutes(30)));
        CurlResponse received = hubClient.receive(DEVICE, device.hubCredentials());
        assertNoContent(hubClient.abandon(DEVICE, HubClient.lockToken(received), device.hubCredentials()));

        restart();
        SimulatedHub restarted = hub();

        assertThat(restarted.messages(DEVICE)).containsExactlyElementsOf(accepted);
        assertThat(restarted.messages(DEVICE).getFirst().properties()).containsExactly(entry("alert", "true"));
        assertThat(restarted.messages(DEVICE).getFirst().systemProperty(MessageProperty.MESSAGE_ID)).contains("m-1");
        assertThat(restarted.deviceBound(DEVICE)).extracting(QueuedMessage::message, QueuedMessage::deliveryCount)
                .containsExactly(tuple(abandoned, 1), tuple(waiting, 0));
        QueuedMessage reloaded = restarted.deviceBound(DEVICE).getFirst();
        assertThat(reloaded.message().bodyText()).isEqualTo("first");
        assertThat(reloaded.message().properties()).containsExactly(entry("color", "red"));
        assertThat(reloaded.message().systemProperties()).containsOnly(
                entry(MessageProperty.MESSAGE_ID, "c2d-1"), entry(MessageProperty.CONTENT_TYPE, "application/json"));
        assertThat(reloaded.message().expiresAt()).isEqualTo(abandoned.expiresAt());

        HubClient newHubClient = HubClient.of(simulator, workDir);
        List<String> credentials = DpsClient.sas(SeedScripts.hubSasToken(workDir, newHubClient.resourceUri(DEVICE), device.key().orElseThrow()));
        CurlResponse again = newHubClient.receive(DEVICE, credentials);
        assertThat(again.status()).as(DpsClient.describe(again)).isEqualTo(200);
        assertThat(again.body()).isEqualTo("first");
        assertThat(again.headerInExactCase("iothub-deliverycount")).contains("1");
        assertThat(again.headerInExactCase("iothub-messageid")).contains("c2d-1");
        assertNoContent(newHubClient.complete(DEVICE, HubClient.lockToken(again), credentials));
        assertThat(newHubClient.receive(DEVICE, credentials).body()).isEqualTo("second");

        assertNoContent(newHubClient.seedTelemetry(DEVICE, credentials));
        assertThat(restarted.messages(DEVICE)).extracting(DeviceMessage::sequenceNumber).containsExactly(1L, 2L, 3L, 4L);
        CloudToDeviceMessage next = restarted.sendToDevice(DEVICE, bytes("third"), Map.of(), Map.of(), Optional.empty());
        assertThat(next.sequenceNumber()).isGreaterThan(waiting.sequenceNumber());
    }

    @Test
    void aLockTakenBeforeARestartCanStillBeSettledAfterIt() {
        simulator = start();
        HubDevices.Provisioned device = new HubDevices(simulator, workDir).symmetricKey(DEVICE);
        hub().sendToDevice(DEVICE, bytes("in flight"), Map.of(), Map.of(), Optional.empty());
        String lockToken = HubClient.lockToken(HubClient.of(simulator, workDir).receive(DEVICE, device.hubCredentials()));

        restart();

        HubClient hubClient = HubClient.of(simulator, workDir);
        List<String> credentials = DpsClient.sas(SeedScripts.hubSasToken(workDir, hubClient.resourceUri(DEVICE), device.key().orElseThrow()));
        assertThat(hub().deviceBound(DEVICE)).singleElement().satisfies(queued -> assertThat(queued.lockedUntil()).isPresent());
        assertNoContent(hubClient.receive(DEVICE, credentials));
        assertNoContent(hubClient.complete(DEVICE, lockToken, credentials));
        assertThat(hub().deviceBound(DEVICE)).isEmpty();
    }

    @Test
    void messageLogEndingInAHalfWrittenLineIsCutBackToItsCompleteMessages() throws Exception {
        simulator = start();
        HubDevices.Provisioned device = new HubDevices(simulator, workDir).symmetricKey(DEVICE);
        HubClient hubClient = HubClient.of(simulator, workDir);
        for (int i = 1; i <= 3; i++) {
            assertNoContent(hubClient.send(DEVICE, device.hubCredentials(), bytes("message " + i)));
        }
        List<DeviceMessage> accepted = hub().messages(DEVICE);
        simulator.close();
        simulator = null;
        Path log = dataDir.resolve("state").resolve("hubs").resolve(SimulatorConfig.DEFAULT_HUB).resolve("messages.jsonl");
        assertThat(Files.readAllLines(log)).hasSize(3);
        String completeLog = Files.readString(log);
        Files.writeString(log, "{\"sequenceNumber\":4,\"hub\":\"" + SimulatorConfig.DEFAULT_HUB + "\",\"deviceId\":\"" + DEVICE
                + "\",\"enqueuedTime\":\"2024-", StandardOpenOption.APPEND);

        simulator = start();

        assertThat(hub().messages(DEVICE)).containsExactlyElementsOf(accepted);
        assertThat(Files.readString(log)).isEqualTo(completeLog);
        HubClient newHubClient = HubClient.of(simulator, workDir);
        List<String> credentials = DpsClient.sas(SeedScripts.hubSasToken(workDir, newHubClient.resourceUri(DEVICE), device.key().orElseThrow()));
        assertNoContent(newHubClient.send(DEVICE, credentials, bytes("message 4")));

        restart();

        assertThat(hub().messages(DEVICE)).extracting(DeviceMessage::sequenceNumber, DeviceMessage::bodyText).containsExactly(
                tuple(1L, "message 1"), tuple(2L, "message 2"),
                tuple(3L, "message 3"), tuple(4L, "message 4"));
        assertThat(Files.readAllLines(log)).hasSize(4);
    }

    /** Writes to the log finish out of order under load; a reader following the sequence numbers must still miss none. */
    @Test
    void readerFollowingTheSequenceNumbersMissesNoMessageOfConcurrentSenders() throws Exception {
        simulator = start();
        HubDevices devices = new HubDevices(simulator, workDir);
        List<HubDevices.Provisioned> senders = List.of(devices.symmetricKey("sender-1"), devices.symmetricKey("sender-2"),
                devices.symmetricKey("sender-3"), devices.symmetricKey("sender-4"));
        HubClient hubClient = HubClient.of(simulator, workDir);
        int perSender = 15;
        ExecutorService pool = Executors.newFixedThreadPool(senders.size());
        List<Future<?>> sending = new ArrayList<>();
        for (HubDevices.Provisioned sender : senders) {
            sending.add(pool.submit(() -> {
                for (int i = 0; i < perSender; i++) {
                    assertNoContent(hubClient.send(sender.deviceId(), sender.hubCredentials(), bytes(sender.deviceId() + " #" + i)));
                }
            }));
        }
        List<DeviceMessage> followed = new ArrayList<>();
        long after = 0;
        while (followed.size() < senders.size() * perSender) {
            List<DeviceMessage> next = hub().messagesAfter(after, Optional.empty(), Duration.ofSeconds(10));
            assertThat(next).as("messages after #" + after).isNotEmpty();
            followed.addAll(next);
            after = next.getLast().sequenceNumber();
        }
        pool.shutdown();
        for (Future<?> sent : sending) {
            sent.get(60, TimeUnit.SECONDS);
        }

        assertThat(followed).extracting(DeviceMessage::sequenceNumber)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, senders.size() * perSender).boxed().toList());
        assertThat(followed).containsExactlyElementsOf(hub().messages());
        for (HubDevices.Provisioned sender : senders) {
            assertThat(hub().messages(sender.deviceId())).extracting(DeviceMessage::bodyText)
                    .containsExactlyElementsOf(IntStream.range(0, perSender).mapToObj(i -> sender.deviceId() + " #" + i).toList());
        }
    }

    private SimulatedHub hub() {
        return simulator.iotHub(SimulatorConfig.DEFAULT_HUB);
    }

    private LocalSimulator start() {
        return LocalSimulator.start(SimulatorConfig.builder()
                .dataDirectory(dataDir)
                .dpsPort(0)
                .assignmentDelay(Duration.ZERO)
                .build());
    }

    private void restart() {
        simulator.close();
        simulator = null;
        simulator = start();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
