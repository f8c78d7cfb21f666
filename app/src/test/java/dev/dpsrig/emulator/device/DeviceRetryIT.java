package dev.dpsrig.emulator.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.dpsrig.protocol.ConnectFailure;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.RegistrationStatus;
import dev.dpsrig.simulator.dps.Attestation;
import dev.dpsrig.simulator.fault.FaultRules;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every retry path of the device library against real HTTPS, with the simulator's fault plans. The device's
 * waits are recorded, not slept: its clock jumps by each wait, so deadlines still count them.
 */
class DeviceRetryIT {
    /** Backoff without jitter (100 ms, 200 ms, 400 ms ...); polls default to 1.7 s, a value the simulator never sends. */
    private static final RetryPolicy POLICY = RetryPolicy.DEFAULTS.withDeadline(Duration.ofSeconds(60))
            .withRequestTimeout(Duration.ofSeconds(1))
            .withPollBounds(Duration.ofMillis(1700), Duration.ofSeconds(1), Duration.ofSeconds(60))
            .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(2), 0);

    private LocalSimulator simulator;
    private DeviceTransport transport;
    private DpsEndpoint endpoint;
    private final SteppingClock clock = new SteppingClock();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final Waiter recording = wait -> {
        waits.add(wait);
        clock.advance(wait);
    };

    @BeforeEach
    void start() {
        simulator = LocalSimulator.start(SimulatorConfig.builder().assignmentDelay(Duration.ZERO).build());
        transport = new DeviceTransport(List.of(simulator.trustedRoot()));
        endpoint = DpsEndpoint.of(simulator.globalEndpoint(), simulator.idScope(), List.of(simulator.trustedRoot()));
    }

    @AfterEach
    void stop() {
        transport.close();
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void throttledRegisterWaitsItsRetryAfterAndRegistersAgain() throws Exception {
        DeviceAttestation device = enroll("throttled-register");
        fault("{\"endpoint\": \"register\", \"device\": \"throttled-register\", \"kind\": \"throttle\", \"retryAfter\": 3, \"times\": 1}");

        Timeline timeline = new Timeline();
        RegistrationResult result = client(POLICY).register(device, Optional.empty(), timeline, new SplittableRandom(1));

        assertThat(result.deviceId()).isEqualTo("throttled-register");
        assertThat(timeline.events(DeviceEvent.RetryScheduled.class)).singleElement().satisfies(retry -> {
            assertThat(retry.step()).isEqualTo("register");
            assertThat(retry.reason()).startsWith("429 ").contains("retry after 3 s");
            assertThat(retry.delay()).isEqualTo(Duration.ofSeconds(3));
        });
        assertThat(timeline.events(DeviceEvent.RegisterSent.class)).extracting(DeviceEvent.RegisterSent::attempt).containsExactly(1, 2);
        assertThat(waits.getFirst()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void throttledPollWaitsItsRetryAfterAndPollsAgain() throws Exception {
        DeviceAttestation device = enroll("throttled-poll");
        fault("{\"endpoint\": \"operation-lookup\", \"device\": \"throttled-poll\", \"kind\": \"throttle\", \"retryAfter\": 4, \"times\": 1}");

        Timeline timeline = new Timeline();
        client(POLICY).register(device, Optional.empty(), timeline, new SplittableRandom(1));

        assertThat(timeline.events(DeviceEvent.RetryScheduled.class)).singleElement().satisfies(retry -> {
            assertThat(retry.step()).isEqualTo("operation lookup");
            assertThat(retry.reason()).startsWith("429 ");
            assertThat(retry.delay()).isEqualTo(Duration.ofSeconds(4));
        });
        assertThat(timeline.events(DeviceEvent.RegisterSent.class)).hasSize(1);
        assertThat(waits).contains(Duration.ofSeconds(4));
        assertThat(timeline.statuses()).containsExactly("assigning", "assigned");
    }

    @Test
    void serverErrorsAreRetriedWithExponentialBackoff() throws Exception {
        DeviceAttestation device = enroll("server-errors");
        fault("{\"endpoint\": \"register\", \"device\": \"server-errors\", \"kind\": \"server-error\", \"status\": 500, \"times\": 1}");
        fault("{\"endpoint\": \"operation-lookup\", \"device\": \"server-errors\", \"kind\": \"server-error\", \"status\": 503, \"times\": 1}");

        Timeline timeline = new Timeline();
        client(POLICY).register(device, Optional.empty(), timeline, new SplittableRandom(1));

        List<DeviceEvent.RetryScheduled> retries = timeline.events(DeviceEvent.RetryScheduled.class);
        assertThat(retries).extracting(DeviceEvent.RetryScheduled::step).containsExactly("register", "operation lookup");
        assertThat(retries.get(0).reason()).startsWith("500 ");
        assertThat(retries.get(1).reason()).startsWith("503 ");
        assertThat(retries).extracting(DeviceEvent.RetryScheduled::delay).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void droppedConnectionsAfterTheRequestAndMidResponseAreRetried() throws Exception {
        DeviceAttestation device = enroll("dropped");
        fault("{\"endpoint\": \"register\", \"device\": \"dropped\", \"kind\": \"drop-connection\", \"at\": \"after-request\", \"times\": 1}");
        fault("{\"endpoint\": \"operation-lookup\", \"device\": \"dropped\", \"kind\": \"drop-connection\", \"at\": \"mid-response\", \"times\": 1}");

        Timeline timeline = new Timeline();
        RegistrationResult result = client(POLICY).register(device, Optional.empty(), timeline, new SplittableRandom(1));

        assertThat(result.deviceId()).isEqualTo("dropped");
        assertThat(timeline.events(DeviceEvent.RetryScheduled.class)).extracting(DeviceEvent.RetryScheduled::step)
                .containsExactly("register", "operation lookup");
        assertThat(timeline.events(DeviceEvent.RegisterSent.class)).hasSize(2);
        assertThat(simulator.faults().records()).hasSize(2);
    }

    @Test
    void anAnswerDelayedPastTheRequestTimeoutIsAbandonedAndRetried() throws Exception {
        DeviceAttestation device = enroll("delayed");
        fault("{\"endpoint\": \"register\", \"device\": \"delayed\", \"kind\": \"delay\", \"delayMillis\": 4000, \"times\": 1}");
        long start = System.nanoTime();

        Timeline timeline = new Timeline();
        RegistrationResult result = client(POLICY).register(device, Optional.empty(), timeline, new SplittableRandom(1));

        assertThat(result.deviceId()).isEqualTo("delayed");
        assertThat(timeline.events(DeviceEvent.RetryScheduled.class)).singleElement()
                .satisfies(retry -> assertThat(retry.step()).isEqualTo("register"));
        assertThat(timeline.events(DeviceEvent.RegisterSent.class)).hasSize(2);
        // The device gave up on the first answer after its 1 s timeout, not after the 4 s delay.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3500));
    }

    @Test
    void aPollAnswerWithoutOperationIdMakesTheDeviceRegisterAgain() throws Exception {
        DeviceAttestation device = enroll("no-operation");
        fault("{\"endpoint\": \"operation-lookup\", \"device\": \"no-operation\", \"kind\": \"malformed-answer\","
                + " \"malformation\": \"missing-operation-id\", \"times\": 1}");

        Timeline timeline = new Timeline();
        RegistrationResult result = client(POLICY).register(device, Optional.empty(), timeline, new SplittableRandom(1));

        assertThat(result.deviceId()).isEqualTo("no-operation");
        assertThat(timeline.events(DeviceEvent.Reregistering.class)).singleElement()
                .satisfies(event -> assertThat(event.reason()).contains("no operationId"));
        assertThat(timeline.events(DeviceEvent.RegisterSent.class)).extracting(DeviceEvent.RegisterSent::attempt).containsExactly(1, 2);
        List<String> kinds = timeline.events().stream().map(e -> e.getClass().getSimpleName()).toList();
        assertThat(kinds).containsSubsequence("Reregistering", "RegisterSent", "RegisterAnswered", "StatusSeen", "Assigned");
    }

    @Test
    void aRegisterAnswerWithoutOperationIdIsSentAgain() throws Exception {
        DeviceAttestation device = enroll("no-operation-register");
        fault("{\"endpoint\": \"register\", \"device\": \"no-operation-register\", \"kind\": \"malformed-answer\","
                + " \"malformation\": \"missing-operation-id\", \"times\": 1}");

        Timeline timeline = new Timeline();
        client(POLICY).register(device, Optional.empty(), timeline, new SplittableRandom(1));

        assertThat(timeline.events(DeviceEvent.Reregistering.class)).hasSize(1);
        assertThat(timeline.events(DeviceEvent.RegisterSent.class)).hasSize(2);
    }

    @Test
    void aNonIntegerRetryAfterMeansTheDefaultPollWait() throws Exception {
        DeviceAttestation device = enroll("odd-retry-after");
        fault("{\"endpoint\": \"register\", \"device\": \"odd-retry-after\", \"kind\": \"malformed-answer\","
                + " \"malformation\": \"non-integer-retry-after\", \"times\": 1}");

        Timeline timeline = new Timeline();
        client(POLICY).register(device, Optional.empty(), timeline, new SplittableRandom(1));

        assertThat(timeline.events(DeviceEvent.PollScheduled.class)).first().satisfies(poll -> {
            assertThat(poll.retryAfter()).isEqualTo("2.5");
            assertThat(poll.delay()).isEqualTo(Duration.ofMillis(1700));
        });
        assertThat(waits.getFirst()).isEqualTo(Duration.ofMillis(1700));
    }

    @Test
    void keepAssigningMeansThatManyExtraPolls() throws Exception {
        DeviceAttestation device = enroll("slow-assignment");
        Timeline baseline = new Timeline();
        client(POLICY).register(enroll("quick-assignment"), Optional.empty(), baseline, new SplittableRandom(1));
        fault("{\"endpoint\": \"register\", \"device\": \"slow-assignment\", \"kind\": \"keep-assigning\", \"polls\": 3}");

        Timeline timeline = new Timeline();
        client(POLICY).register(device, Optional.empty(), timeline, new SplittableRandom(1));

        assertThat(timeline.events(DeviceEvent.StatusSeen.class)).extracting(DeviceEvent.StatusSeen::status)
                .containsExactly(RegistrationStatus.ASSIGNING, RegistrationStatus.ASSIGNING, RegistrationStatus.ASSIGNING,
                        RegistrationStatus.ASSIGNED);
        assertThat(timeline.events(DeviceEvent.StatusSeen.class)).hasSize(baseline.events(DeviceEvent.StatusSeen.class).size() + 3);
        assertThat(timeline.events(DeviceEvent.PollScheduled.class)).hasSize(4);
    }

    @Test
    void permanentThrottlingEndsAtTheDeadlineWithinOneRequestTimeout() {
        DeviceAttestation device = enroll("always-throttled");
        fault("{\"endpoint\": \"register\", \"device\": \"always-throttled\", \"kind\": \"throttle\", \"retryAfter\": 1}");
        RetryPolicy shortDeadline = POLICY.withDeadline(Duration.ofMillis(2500));
        ProvisioningClient sleeping = new ProvisioningClient(endpoint, transport, shortDeadline, Clock.systemUTC(), Waiter.SLEEPING);
        Timeline timeline = new Timeline();
        long start = System.nanoTime();

        ProvisioningException e = catchThrowableOfType(ProvisioningException.class,
                () -> sleeping.register(device, Optional.empty(), timeline, new SplittableRandom(1)));

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(e.reason()).isEqualTo(ProvisioningException.Reason.DEADLINE_EXCEEDED);
        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(e.getMessage()).contains("deadline");
        assertThat(took).isLessThan(shortDeadline.deadline().plus(shortDeadline.requestTimeout()));
        assertThat(timeline.events(DeviceEvent.RetryScheduled.class)).isNotEmpty()
                .allSatisfy(retry -> assertThat(retry.reason()).startsWith("429 ").contains("too many requests"));
        assertThat(timeline.events().getLast()).isInstanceOf(DeviceEvent.RegistrationFailed.class);
    }

    @Test
    void requestsThatNeverAnswerEndAtTheDeadlineWithinOneRequestTimeout() {
        DeviceAttestation device = enroll("never-answered");
        fault("{\"endpoint\": \"register\", \"device\": \"never-answered\", \"kind\": \"delay\", \"delayMillis\": 5000}");
        RetryPolicy shortDeadline = POLICY.withDeadline(Duration.ofMillis(2500));
        ProvisioningClient sleeping = new ProvisioningClient(endpoint, transport, shortDeadline, Clock.systemUTC(), Waiter.SLEEPING);
        long start = System.nanoTime();

        ProvisioningException e = catchThrowableOfType(ProvisioningException.class,
                () -> sleeping.register(device, Optional.empty(), new Timeline(), new SplittableRandom(1)));

        assertThat(e.reason()).isEqualTo(ProvisioningException.Reason.DEADLINE_EXCEEDED);
        assertThat(e.httpStatus()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(shortDeadline.deadline().plus(shortDeadline.requestTimeout()));
    }

    @Test
    void aHandshakeSlowerThanTheDeadlineEndsWithinOneRequestTimeout() {
        DeviceAttestation device = enroll("slow-handshake");
        fault("{\"endpoint\": \"dps-handshake\", \"kind\": \"slow-handshake\", \"delayMillis\": 6000}");
        RetryPolicy shortDeadline = POLICY.withDeadline(Duration.ofMillis(2500));
        ProvisioningClient sleeping = new ProvisioningClient(endpoint, transport, shortDeadline, Clock.systemUTC(), Waiter.SLEEPING);
        long start = System.nanoTime();

        ProvisioningException e = catchThrowableOfType(ProvisioningException.class,
                () -> sleeping.register(device, Optional.empty(), new Timeline(), new SplittableRandom(1)));

        assertThat(e.reason()).isEqualTo(ProvisioningException.Reason.DEADLINE_EXCEEDED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(shortDeadline.deadline().plus(shortDeadline.requestTimeout()));
    }

    @Test
    void failedAndDisabledOutcomesCarryTheirErrorCode() {
        DeviceAttestation failing = enroll("assignment-fails");
        fault("{\"endpoint\": \"register\", \"device\": \"assignment-fails\", \"kind\": \"assignment-failed\", \"errorCode\": 400209,"
                + " \"errorMessage\": \"no hub would take it\"}");

        ProvisioningException failed = catchThrowableOfType(ProvisioningException.class,
                () -> client(POLICY).register(failing, Optional.empty(), new Timeline(), new SplittableRandom(1)));

        assertThat(failed.reason()).isEqualTo(ProvisioningException.Reason.FAILED);
        assertThat(failed.errorCode()).contains(400209);
        assertThat(failed.status()).contains(RegistrationStatus.FAILED);
        assertThat(failed.getMessage()).contains("no hub would take it");

        DeviceAttestation disabledDevice = enroll("disabled-device", "disabled");
        ProvisioningException disabled = catchThrowableOfType(ProvisioningException.class,
                () -> client(POLICY).register(disabledDevice, Optional.empty(), new Timeline(), new SplittableRandom(1)));

        assertThat(disabled.reason()).isEqualTo(ProvisioningException.Reason.DISABLED);
        assertThat(disabled.status()).contains(RegistrationStatus.DISABLED);
        assertThat(disabled.getMessage()).isEqualTo("disabled: the enrollment of 'disabled-device' is disabled");
        // The simulator's disabled state carries no errorCode (the contract, section 1.7, says it should): the device
        // reports exactly what came on the wire. When the simulator sends one, this must become contains(code).
        assertThat(disabled.errorCode()).isEmpty();
    }

    @Test
    void telemetryIsRetriedOn503AndCountedFailedWithItsReasonOn401And404() throws Exception {
        DeviceAttestation device = enroll("telemetry");
        EmulatedDevice emulated = new EmulatedDevice(device, client(POLICY), transport, POLICY, clock, recording, 3);
        emulated.register(Optional.empty());
        HubClient hub = emulated.hub();
        fault("{\"endpoint\": \"hub-send\", \"device\": \"telemetry\", \"kind\": \"server-error\", \"status\": 503, \"times\": 1}");

        TelemetryOutcome retried = hub.send(Telemetry.text("after a 503"), emulated.timeline(), emulated.random());

        assertThat(retried).isInstanceOfSatisfying(TelemetryOutcome.Acknowledged.class, ok -> assertThat(ok.attempts()).isEqualTo(2));
        assertThat(emulated.timeline().events(DeviceEvent.RetryScheduled.class)).singleElement().satisfies(retry -> {
            assertThat(retry.step()).isEqualTo("send");
            assertThat(retry.reason()).startsWith("503 ServiceUnavailable");
        });

        fault("{\"endpoint\": \"hub-send\", \"device\": \"telemetry\", \"kind\": \"authentication-error\", \"times\": 1}");
        TelemetryOutcome unauthorized = hub.send(Telemetry.text("refused"), emulated.timeline(), emulated.random());
        assertThat(unauthorized).isInstanceOfSatisfying(TelemetryOutcome.Failed.class, failed -> {
            assertThat(failed.httpStatus()).isEqualTo(401);
            assertThat(failed.errorCode()).contains("IotHubUnauthorizedAccess");
            assertThat(failed.reason()).contains("authentication failed");
        });

        simulator.iotHubs().getFirst().setDeviceEnabled("telemetry", false);
        TelemetryOutcome notFound = hub.sendBatch(List.of(Telemetry.text("a"), Telemetry.text("b")), emulated.timeline(), emulated.random());
        assertThat(notFound).isInstanceOfSatisfying(TelemetryOutcome.Failed.class, failed -> {
            assertThat(failed.messages()).isEqualTo(2);
            assertThat(failed.httpStatus()).isEqualTo(404);
            assertThat(failed.errorCode()).contains("DeviceNotFound");
        });
        assertThat(emulated.timeline().events(DeviceEvent.MessageFailed.class)).extracting(DeviceEvent.MessageFailed::messages)
                .containsExactly(1, 2);
        assertThat(simulator.iotHubs().getFirst().messages("telemetry")).hasSize(1);
    }

    @Test
    void aDpsRefusingTheFirstConnectionOfTheRunWasNeverThereAndEndsTheRegistrationAtOnce() throws Exception {
        int closed = closedPort();
        DpsEndpoint nowhere = DpsEndpoint.of("127.0.0.1:" + closed, simulator.idScope(), List.of(simulator.trustedRoot()));
        Timeline timeline = new Timeline();

        ProvisioningException e = catchThrowableOfType(ProvisioningException.class, () -> new ProvisioningClient(nowhere, transport,
                POLICY, clock, recording).register(enroll("nobody-home"), Optional.empty(), timeline, new SplittableRandom(1)));

        assertThat(e.reason()).isEqualTo(ProvisioningException.Reason.UNREACHABLE);
        assertThat(e.endpoint()).contains("127.0.0.1:" + closed);
        assertThat(e.connectFailure()).contains(ConnectFailure.REFUSED);
        assertThat(e.httpStatus()).isZero();
        assertThat(e.getCause()).isInstanceOf(DeviceTransport.TransportFailure.class);
        assertThat(timeline.events(DeviceEvent.RegisterSent.class)).hasSize(1);
        assertThat(timeline.events(DeviceEvent.RetryScheduled.class)).isEmpty();
        assertThat(waits).as("nothing waited for").isEmpty();
    }

    @Test
    void aDpsRefusingConnectionsAfterItAnsweredInThisRunIsRetriedAsARestart() throws Exception {
        client(POLICY).register(enroll("before-the-restart"), Optional.empty(), new Timeline(), new SplittableRandom(1));
        DeviceAttestation next = enroll("after-the-restart");
        simulator.close();
        simulator = null;
        waits.clear();
        Timeline timeline = new Timeline();

        ProvisioningException e = catchThrowableOfType(ProvisioningException.class,
                () -> client(POLICY).register(next, Optional.empty(), timeline, new SplittableRandom(1)));

        assertThat(e.reason()).as(timeline.print()).isEqualTo(ProvisioningException.Reason.DEADLINE_EXCEEDED);
        assertThat(timeline.events(DeviceEvent.RetryScheduled.class)).hasSizeGreaterThan(3)
                .allSatisfy(retry -> assertThat(retry.reason()).contains("ConnectException"));
        assertThat(waits.getFirst()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void firmwareThatWaitsForItsServerRetriesADpsThatNeverAnswered() throws Exception {
        DpsEndpoint nowhere = DpsEndpoint.of("127.0.0.1:" + closedPort(), simulator.idScope(), List.of(simulator.trustedRoot()));
        Timeline timeline = new Timeline();

        ProvisioningException e = catchThrowableOfType(ProvisioningException.class, () -> new ProvisioningClient(nowhere, transport,
                POLICY.withUnreachable(RetryPolicy.WhenUnreachable.RETRY), clock, recording)
                .register(enroll("patient"), Optional.empty(), timeline, new SplittableRandom(1)));

        assertThat(e.reason()).isEqualTo(ProvisioningException.Reason.DEADLINE_EXCEEDED);
        assertThat(timeline.events(DeviceEvent.RetryScheduled.class)).hasSizeGreaterThan(3);
    }

    @Test
    void aHubRefusingTheFirstConnectionIsUnreachableAndOneThatAnsweredBeforeIsRetried() throws Exception {
        DeviceAttestation device = enroll("hub-gone");
        EmulatedDevice emulated = new EmulatedDevice(device, client(POLICY), transport, POLICY, clock, recording, 3);
        emulated.register(Optional.empty());
        waits.clear();
        int closed = closedPort();
        HubClient nowhere = new HubClient(transport, "127.0.0.1:" + closed, "hub-gone", device, POLICY, clock, recording);

        TelemetryOutcome unreachable = nowhere.send(Telemetry.text("into the void"), emulated.timeline(), emulated.random());

        assertThat(unreachable).isInstanceOfSatisfying(TelemetryOutcome.Unreachable.class, nobody -> {
            assertThat(nobody.endpoint()).isEqualTo("127.0.0.1:" + closed);
            assertThat(nobody.connectFailure()).isEqualTo(ConnectFailure.REFUSED);
        });
        assertThat(waits).isEmpty();
        assertThat(catchThrowableOfType(HubRequestException.class, nowhere::receive).connectFailure()).contains(ConnectFailure.REFUSED);

        HubClient hub = emulated.hub();
        assertThat(hub.send(Telemetry.text("while it runs"), emulated.timeline(), emulated.random()))
                .isInstanceOf(TelemetryOutcome.Acknowledged.class);
        simulator.close();
        simulator = null;

        TelemetryOutcome afterRestart = hub.send(Telemetry.text("after it stopped"), emulated.timeline(), emulated.random());

        assertThat(afterRestart).isInstanceOfSatisfying(TelemetryOutcome.Failed.class,
                failed -> assertThat(failed.reason()).startsWith("gave up after").contains("ConnectException"));
        assertThat(waits).hasSizeGreaterThan(3);
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** A port nothing listens on: bound, then let go. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private ProvisioningClient client(RetryPolicy policy) {
        return new ProvisioningClient(endpoint, transport, policy, clock, recording);
    }

    private DeviceAttestation enroll(String registrationId) {
        return enroll(registrationId, "enabled");
    }

    private DeviceAttestation enroll(String registrationId, String provisioningStatus) {
        Attestation attestation = simulator.service().putEnrollment(registrationId, Jsonp.createObjectBuilder()
                .add("attestation", Jsonp.createObjectBuilder().add("type", "symmetricKey"))
                .add("provisioningStatus", provisioningStatus).build(), Optional.empty()).attestation();
        return DeviceAttestation.SymmetricKey.individual(registrationId, ((Attestation.SymmetricKey) attestation).primaryKey());
    }

    private void fault(String json) {
        simulator.faults().add(FaultRules.parse(Jsonp.createReader(new StringReader(json)).readObject(), simulator.faults()::nextRuleId));
    }

    /** Real time plus every wait the device "made". */
    private static final class SteppingClock extends Clock {
        private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

        void advance(Duration wait) {
            offset.updateAndGet(current -> current.plus(wait));
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
