package dev.dpsrig.simulator.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.protocol.SasToken;
import dev.dpsrig.simulator.dps.Attestation;
import dev.dpsrig.simulator.dps.AttestationDraft;
import dev.dpsrig.simulator.dps.DeviceCredentials;
import dev.dpsrig.simulator.dps.DpsStore;
import dev.dpsrig.simulator.dps.EnrollmentPolicy;
import dev.dpsrig.simulator.dps.Hub;
import dev.dpsrig.simulator.dps.IndividualEnrollment;
import dev.dpsrig.simulator.dps.MutableClock;
import dev.dpsrig.simulator.dps.OperationStatus;
import dev.dpsrig.simulator.dps.ProvisioningService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A hub over a message log the test controls: concurrent senders whose writes finish out of order
 * must still become visible in sequence order, so that a reader following {@link SimulatedHub#messagesAfter}
 * (the inspection API's long poll) never skips a message.
 */
class SimulatedHubTest {
    private static final String SCOPE = "0ne00000001";
    private static final Hub HUB = new Hub("test-hub", "test-hub.example:4431", 1, Duration.ZERO);
    private static final String DEVICE = "device-01";
    private static final Duration SHORT = Duration.ofMillis(200);

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private final ProvisioningService dps = new ProvisioningService(SCOPE, List.of(HUB), DpsStore.none(), clock, Duration.ZERO,
            (definition, request) -> {
                throw new AssertionError("no webhook in this test");
            });
    private final ControlledLog log = new ControlledLog();
    /** A thread per sender: the common pool may have a single thread, which the held write would block. */
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private SimulatedHub hub;
    private DeviceCredentials credentials;

    @BeforeEach
    void provision() {
        String key = ((Attestation.SymmetricKey) dps.putEnrollment(DEVICE, () -> new IndividualEnrollment.Draft(Optional.empty(),
                new AttestationDraft.SymmetricKey(Optional.empty(), Optional.empty()), EnrollmentPolicy.defaults()), Optional.empty())
                .attestation()).primaryKey();
        DeviceCredentials dpsToken = new DeviceCredentials.Sas(SasToken.sign(SCOPE + "/registrations/" + DEVICE, key,
                clock.instant().plus(Duration.ofHours(1)), Optional.of("registration")));
        OperationStatus accepted = dps.register(SCOPE, DEVICE, dpsToken, Optional.empty());
        dps.lookupOperation(SCOPE, DEVICE, accepted.operationId(), dpsToken);
        hub = new SimulatedHub(dps.hubs().getFirst(), log, DeviceBoundStore.none(), CloudToDeviceSettings.AZURE_DEFAULTS, clock);
        assertThat(hub.device(DEVICE)).isPresent();
        credentials = new DeviceCredentials.Sas(SasToken.sign(HUB.hostName() + "/devices/" + DEVICE, key,
                clock.instant().plus(Duration.ofHours(1)), Optional.empty()));
    }

    @AfterEach
    void close() {
        log.release.countDown();
        senders.shutdownNow();
        dps.close();
    }

    @Test
    void messageWhoseWriteFinishesFirstWaitsForTheEarlierOne() throws Exception {
        log.holdFirst = true;
        CompletableFuture<List<DeviceMessage>> slow = CompletableFuture.supplyAsync(() -> send("first"), senders);
        assertThat(log.firstEntered.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<List<DeviceMessage>> fast = CompletableFuture.supplyAsync(() -> send("second"), senders);
        assertThat(log.secondWritten.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(hub.messagesAfter(0, Optional.empty(), SHORT)).as("#2 is stored, but #1 is not yet").isEmpty();
        assertThat(fast).as("the second sender is answered only once its message can be seen").isNotDone();

        log.release.countDown();

        assertThat(slow.get(5, TimeUnit.SECONDS)).extracting(DeviceMessage::sequenceNumber).containsExactly(1L);
        assertThat(fast.get(5, TimeUnit.SECONDS)).extracting(DeviceMessage::sequenceNumber).containsExactly(2L);
        assertThat(hub.messagesAfter(0, Optional.empty(), SHORT)).extracting(DeviceMessage::bodyText).containsExactly("first", "second");
        assertThat(hub.messagesAfter(0, Optional.of(DEVICE), SHORT)).hasSize(2);
    }

    @Test
    void failedWriteLeavesAGapThatDoesNotHoldBackLaterMessages() throws Exception {
        log.holdFirst = true;
        log.failFirst = true;
        CompletableFuture<List<DeviceMessage>> failing = CompletableFuture.supplyAsync(() -> send("lost"), senders);
        assertThat(log.firstEntered.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<List<DeviceMessage>> fast = CompletableFuture.supplyAsync(() -> send("kept"), senders);
        assertThat(log.secondWritten.await(5, TimeUnit.SECONDS)).isTrue();

        log.release.countDown();

        assertThatThrownBy(() -> failing.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(UncheckedIOException.class).hasRootCauseMessage("disk full");
        assertThat(fast.get(5, TimeUnit.SECONDS)).extracting(DeviceMessage::sequenceNumber).containsExactly(2L);
        assertThat(hub.messages()).extracting(DeviceMessage::bodyText).containsExactly("kept");
        assertThat(send("next")).extracting(DeviceMessage::sequenceNumber).containsExactly(3L);
    }

    @Test
    void acceptedMessageIsVisibleWhenTheSenderIsAnswered() {
        List<DeviceMessage> accepted = hub.acceptEvents(DEVICE, Optional.empty(), credentials, Set.of(HUB.hostName()), List.of(
                incoming("a"), incoming("b")));

        assertThat(hub.messages(DEVICE)).containsExactlyElementsOf(accepted);
        assertThat(log.appended).containsExactlyElementsOf(accepted);
        assertThat(hub.awaitMessages(DEVICE, 2, Duration.ZERO)).containsExactlyElementsOf(accepted);
    }

    @Test
    void awaitingMoreThanArrivedReportsWhatDid() {
        send("only one");

        assertThatThrownBy(() -> hub.awaitMessages(DEVICE, 2, SHORT))
                .isInstanceOfSatisfying(MessagesNotArrivedException.class, e -> assertThat(e.arrived()).hasSize(1))
                .hasMessageContaining("expected 2 message(s) from '" + DEVICE + "' on hub 'test-hub'")
                .hasMessageContaining("but 1 arrived");
    }

    @Test
    void batchOverTheLimitIsRefusedWhole() {
        assertThatThrownBy(() -> hub.acceptEvents(DEVICE, Optional.empty(), credentials, Set.of(HUB.hostName()), List.of(
                new IncomingMessage(new byte[200 * 1024], Map.of(), Map.of()),
                new IncomingMessage(new byte[100 * 1024], Map.of(), Map.of()))))
                .hasMessageContaining("a batch of 2 messages totalling 307200 bytes exceeds the 262144-byte limit");

        assertThat(hub.messages()).isEmpty();
        assertThat(log.appended).isEmpty();
    }

    private List<DeviceMessage> send(String body) {
        return hub.acceptEvents(DEVICE, Optional.empty(), credentials, Set.of(HUB.hostName()), List.of(incoming(body)));
    }

    private static IncomingMessage incoming(String body) {
        return new IncomingMessage(body.getBytes(StandardCharsets.UTF_8), Map.of(), Map.of());
    }

    /** A message log that can hold the write of message #1 until released, and fail it. */
    private static final class ControlledLog implements MessageLog {
        final List<DeviceMessage> appended = new CopyOnWriteArrayList<>();
        final CountDownLatch firstEntered = new CountDownLatch(1);
        final CountDownLatch secondWritten = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean holdFirst;
        volatile boolean failFirst;

        @Override
        public void append(DeviceMessage message) {
            if (message.sequenceNumber() == 1 && holdFirst) {
                firstEntered.countDown();
                await(release);
                if (failFirst) {
                    throw new UncheckedIOException(new IOException("disk full"));
                }
            }
            appended.add(message);
            if (message.sequenceNumber() == 2) {
                secondWritten.countDown();
            }
        }

        @Override
        public List<DeviceMessage> readAll() {
            return List.of();
        }

        @Override
        public void close() {
        }

        private static void await(CountDownLatch latch) {
            try {
                latch.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
