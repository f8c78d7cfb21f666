package dev.dpsrig.emulator.device;

import dev.dpsrig.protocol.ConnectFailure;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.RegistrationStatus;
import dev.dpsrig.protocol.Substatus;
import dev.dpsrig.protocol.WireFormatException;
import dev.dpsrig.protocol.dps.DeviceRegistration;
import dev.dpsrig.protocol.dps.DeviceRegistrationResult;
import dev.dpsrig.protocol.dps.DpsErrorBody;
import dev.dpsrig.protocol.dps.RegistrationOperationStatus;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The device side of DPS registration, as a state machine over a {@link ProvisioningLink} (HTTPS unless told
 * otherwise): register, then poll the operation, honouring {@code Retry-After}, until {@code assigned},
 * {@code failed} or {@code disabled}.
 * Throttling (429), server errors (5xx), timeouts and dropped connections are retried with exponential
 * backoff and jitter within the policy's deadline; a poll answer without {@code operationId} makes the
 * device register again. A DPS that cannot be connected to at all (refused, unknown host, no route) and has
 * not answered through the transport before was never there: the registration ends
 * {@link ProvisioningException.Reason#UNREACHABLE} at once, unless the policy says to retry it
 * ({@link RetryPolicy#retries}); one that answered before went away, and is retried. Every step goes to the
 * device's {@link Timeline}.
 *
 * <p>Over 300 lines as one class: it is one state machine, whose steps (register, poll, retry, give up) all share
 * the run's session, deadline, retry count and last answer.
 */
public final class ProvisioningClient {
    private final DpsEndpoint endpoint;
    private final ProvisioningLink link;
    private final RetryPolicy policy;
    private final Clock clock;
    private final Waiter waiter;

    /** Over another link than HTTPS: MQTT, or a scripted DPS in a test. */
    public ProvisioningClient(DpsEndpoint endpoint, ProvisioningLink link, RetryPolicy policy, Clock clock, Waiter waiter) {
        this.endpoint = endpoint;
        this.link = link;
        this.policy = policy;
        this.clock = clock;
        this.waiter = waiter;
    }

    public ProvisioningClient(DpsEndpoint endpoint, DeviceTransport transport, RetryPolicy policy, Clock clock, Waiter waiter) {
        this(endpoint, new HttpsProvisioningLink(endpoint, transport, clock), policy, clock, waiter);
    }

    public ProvisioningClient(DpsEndpoint endpoint, DeviceTransport transport) {
        this(endpoint, transport, RetryPolicy.DEFAULTS, Clock.systemUTC(), Waiter.SLEEPING);
    }

    public DpsEndpoint endpoint() {
        return endpoint;
    }

    /**
     * Registers the device and answers its assignment.
     *
     * @param payload sent as the registration's {@code payload} (custom allocation data)
     * @param random  the device's source of jitter, so a seeded fleet retries on a reproducible schedule
     * @throws ProvisioningException when it ends otherwise, with the evidence
     */
    public RegistrationResult register(DeviceAttestation attestation, Optional<JsonValue> payload, Timeline timeline,
                                       SplittableRandom random) throws InterruptedException {
        Run run = new Run(attestation, payload, timeline, random, clock.instant().plus(policy.deadline()));
        return run.execute();
    }

    /** One registration, from first PUT to outcome. */
    private final class Run {
        private final DeviceAttestation attestation;
        private final Optional<JsonValue> payload;
        private final Timeline timeline;
        private final SplittableRandom random;
        private final Instant deadline;
        private final String id;
        private int registerAttempts;
        private int retries;
        private Optional<ProvisioningLink.Answer> lastAnswer = Optional.empty();
        private ProvisioningLink.Session session;

        Run(DeviceAttestation attestation, Optional<JsonValue> payload, Timeline timeline, SplittableRandom random, Instant deadline) {
            this.attestation = attestation;
            this.payload = payload;
            this.timeline = timeline;
            this.random = random;
            this.deadline = deadline;
            this.id = attestation.registrationId();
        }

        RegistrationResult execute() throws InterruptedException {
            // One connection from register to the last poll, as a device keeps it: one handshake for an X.509 device.
            try (ProvisioningLink.Session own = link.open(attestation)) {
                session = own;
                while (true) {
                    Accepted accepted = registerUntilAccepted();
                    Optional<RegistrationResult> result = accepted.result().isPresent() ? accepted.result() : pollUntilDone(accepted.operationId());
                    if (result.isPresent()) {
                        return result.get();
                    }
                }
            }
        }

        /** PUT register until DPS accepts it: an operation to poll, or (rarely) an answer that is already final. */
        private Accepted registerUntilAccepted() throws InterruptedException {
            while (true) {
                registerAttempts++;
                timeline.add(new DeviceEvent.RegisterSent(clock.instant(), id, registerAttempts));
                Optional<ProvisioningLink.Answer> answer = send("register",
                        timeout -> session.register(DeviceRegistration.of(id, payload), timeout));
                if (answer.isEmpty()) {
                    continue;
                }
                RegistrationOperationStatus operation = operationStatus(answer.get());
                RegistrationStatus status = operation.status();
                String operationId = operation.operationId().orElse("");
                timeline.add(new DeviceEvent.RegisterAnswered(clock.instant(), id, answer.get().status(), status, operationId));
                if (status.isTerminal()) {
                    return new Accepted(operationId, finish(operation, answer.get(), operationId));
                }
                if (operationId.isEmpty()) {
                    timeline.add(new DeviceEvent.Reregistering(clock.instant(), id, "the register answer has no operationId"));
                    pause(pollWait(answer.get()), "register", "the register answer has no operationId");
                    continue;
                }
                pause(pollWait(answer.get()), null, null);
                return new Accepted(operationId, Optional.empty());
            }
        }

        /** GET the operation until it ends; empty when the device must register again. */
        private Optional<RegistrationResult> pollUntilDone(String operationId) throws InterruptedException {
            while (true) {
                Optional<ProvisioningLink.Answer> answer = send("operation lookup", timeout -> session.operationStatus(operationId, timeout));
                if (answer.isEmpty()) {
                    continue;
                }
                if (answer.get().status() == 404) {
                    timeline.add(new DeviceEvent.Reregistering(clock.instant(), id, "DPS no longer knows operation " + operationId));
                    return Optional.empty();
                }
                RegistrationOperationStatus operation = operationStatus(answer.get());
                RegistrationStatus status = operation.status();
                timeline.add(new DeviceEvent.StatusSeen(clock.instant(), id, answer.get().status(), status));
                if (operation.operationId().isEmpty()) {
                    timeline.add(new DeviceEvent.Reregistering(clock.instant(), id, "the operation answer has no operationId"));
                    return Optional.empty();
                }
                if (status.isTerminal()) {
                    return finish(operation, answer.get(), operationId);
                }
                pause(pollWait(answer.get()), null, null);
            }
        }

        /** An {@code assigned} answer becomes the result; {@code failed} and {@code disabled} become the exception. */
        private Optional<RegistrationResult> finish(RegistrationOperationStatus operation, ProvisioningLink.Answer answer,
                                                    String operationId) {
            RegistrationStatus status = operation.status();
            Optional<DeviceRegistrationResult> state = operation.registrationState();
            if (status == RegistrationStatus.ASSIGNED) {
                if (state.flatMap(DeviceRegistrationResult::assignedHub).isEmpty() || state.get().deviceId().isEmpty()) {
                    throw refused(answer, "'assigned' without assignedHub and deviceId: " + abbreviate(answer.text()));
                }
                DeviceRegistrationResult assigned = state.get();
                Substatus substatus = assigned.substatus().orElse(Substatus.INITIAL_ASSIGNMENT);
                timeline.add(new DeviceEvent.Assigned(clock.instant(), id, assigned.assignedHub().get(), assigned.deviceId().get(),
                        substatus.wireName()));
                return Optional.of(new RegistrationResult(id, operationId, assigned, json(answer).getJsonObject("registrationState"),
                        timeline));
            }
            Optional<Integer> errorCode = state.flatMap(DeviceRegistrationResult::errorCode);
            String message = status.wireName() + ": " + state.flatMap(DeviceRegistrationResult::errorMessage).orElse("no errorMessage");
            timeline.add(new DeviceEvent.RegistrationFailed(clock.instant(), id, message));
            throw new ProvisioningException(id, status == RegistrationStatus.DISABLED ? ProvisioningException.Reason.DISABLED
                    : ProvisioningException.Reason.FAILED, answer.status(), errorCode, message, trackingId(answer), Optional.of(status), timeline);
        }

        /** One exchange over the link's session. */
        @FunctionalInterface
        private interface Exchange {
            ProvisioningLink.Answer send(Duration timeout) throws DeviceTransport.TransportFailure;
        }

        /**
         * Sends one request; retries are the caller's loop. Empty when the request failed in a way worth
         * retrying (the wait has been made); throws when it failed for good or the deadline passed.
         */
        private Optional<ProvisioningLink.Answer> send(String step, Exchange exchange) throws InterruptedException {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw deadlineExceeded(step);
            }
            Duration timeout = left.compareTo(policy.requestTimeout()) < 0 ? left : policy.requestTimeout();
            ProvisioningLink.Answer answer;
            try {
                answer = exchange.send(timeout);
            } catch (DeviceTransport.TransportFailure failure) {
                if (Thread.interrupted()) {
                    // Stopped from outside (the fleet ends, the board loses power): not a failure to retry.
                    throw new InterruptedException(step + " interrupted");
                }
                if (!policy.retries(failure.connectFailure(), link.hasAnswered(failure.endpoint()))) {
                    throw unreachable(step, failure);
                }
                retryAfterBackoff(step, failure.getMessage(), Optional.empty());
                return Optional.empty();
            }
            lastAnswer = Optional.of(answer);
            int status = answer.status();
            if (status == 429 || status >= 500) {
                retryAfterBackoff(step, status + " " + errorMessage(answer), answer.retryAfter());
                return Optional.empty();
            }
            if (status >= 400 && !(status == 404 && step.equals("operation lookup"))) {
                String message = errorMessage(answer);
                timeline.add(new DeviceEvent.RegistrationFailed(clock.instant(), id, status + " " + message));
                throw new ProvisioningException(id, ProvisioningException.Reason.REFUSED, status, errorCode(answer),
                        step + " refused with " + status + ": " + message, trackingId(answer), Optional.empty(), timeline);
            }
            return Optional.of(answer);
        }

        private void retryAfterBackoff(String step, String reason, Optional<String> retryAfter) throws InterruptedException {
            retries++;
            Duration wait = retryAfter.flatMap(RetryPolicy::seconds).filter(d -> !d.isZero())
                    .orElseGet(() -> policy.backoff(retries, random.nextDouble()));
            pause(wait, step, reason);
        }

        /** Waits, but never past the deadline; a wait that would cross it ends the registration now. */
        private void pause(Duration wait, String step, String reason) throws InterruptedException {
            Instant now = clock.instant();
            if (step != null) {
                timeline.add(new DeviceEvent.RetryScheduled(now, id, step, reason, wait));
            }
            if (now.plus(wait).isAfter(deadline)) {
                throw deadlineExceeded(step != null ? step + " (" + reason + ")" : "polling");
            }
            waiter.await(wait);
        }

        private Duration pollWait(ProvisioningLink.Answer answer) {
            Duration wait = policy.pollWait(answer.retryAfter());
            timeline.add(new DeviceEvent.PollScheduled(clock.instant(), id, wait, answer.retryAfter().orElse("(none)")));
            return wait;
        }

        private ProvisioningException deadlineExceeded(String during) {
            String message = "gave up after " + policy.deadline().toSeconds() + " s (deadline) while " + during
                    + lastAnswer.map(answer -> "; last answer " + answer.status() + " " + abbreviate(answer.text())).orElse("");
            timeline.add(new DeviceEvent.RegistrationFailed(clock.instant(), id, message));
            return new ProvisioningException(id, ProvisioningException.Reason.DEADLINE_EXCEEDED,
                    lastAnswer.map(ProvisioningLink.Answer::status).orElse(0), lastAnswer.flatMap(ProvisioningClient::errorCode),
                    message, lastAnswer.flatMap(ProvisioningClient::trackingId), Optional.empty(), timeline);
        }

        private ProvisioningException unreachable(String step, DeviceTransport.TransportFailure failure) {
            ConnectFailure why = failure.connectFailure().orElseThrow();
            String message = step + ": cannot reach DPS at " + failure.endpoint() + ": " + why.text()
                    + " (it has not answered in this run; not retried)";
            timeline.add(new DeviceEvent.RegistrationFailed(clock.instant(), id, message));
            return new ProvisioningException(id, failure.endpoint(), why, message, failure, timeline);
        }

        private ProvisioningException refused(ProvisioningLink.Answer answer, String message) {
            timeline.add(new DeviceEvent.RegistrationFailed(clock.instant(), id, message));
            return new ProvisioningException(id, ProvisioningException.Reason.REFUSED, answer.status(), Optional.empty(), message,
                    trackingId(answer), Optional.empty(), timeline);
        }

        private JsonObject json(ProvisioningLink.Answer answer) {
            try (JsonReader reader = Jsonp.createReader(new StringReader(answer.text()))) {
                return reader.readObject();
            } catch (JsonException | IllegalStateException e) {
                throw refused(answer, "the answer " + answer.status() + " is not a JSON object: " + abbreviate(answer.text()));
            }
        }

        private RegistrationOperationStatus operationStatus(ProvisioningLink.Answer answer) {
            JsonObject body = json(answer);
            try {
                return RegistrationOperationStatus.fromJson(body);
            } catch (WireFormatException e) {
                throw refused(answer, "the answer " + answer.status() + " is not an operation status (" + e.getMessage() + "): "
                        + abbreviate(body.toString()));
            }
        }
    }

    private record Accepted(String operationId, Optional<RegistrationResult> result) {
    }

    static String errorMessage(ProvisioningLink.Answer answer) {
        return DpsErrorBody.read(answer.text()).message().orElse(abbreviate(answer.text()));
    }

    static Optional<Integer> errorCode(ProvisioningLink.Answer answer) {
        return DpsErrorBody.read(answer.text()).errorCode();
    }

    static Optional<String> trackingId(ProvisioningLink.Answer answer) {
        return DpsErrorBody.read(answer.text()).trackingId().or(answer::requestId);
    }

    static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
