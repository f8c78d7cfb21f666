package dev.dpsrig.emulator.device;

import dev.dpsrig.protocol.ConnectFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A device's side of the IoT Hub device API on its assigned hub, over a {@link HubLink} (HTTPS unless told otherwise):
 * telemetry (single and batch) and cloud-to-device receive, complete, reject and abandon. Sends are retried on 429, 5xx
 * and connection failures within the policy's deadline; each ends {@link TelemetryOutcome.Acknowledged} or
 * {@link TelemetryOutcome.Failed} with its reason, never silently, or {@link TelemetryOutcome.Unreachable} at once when
 * the hub cannot be connected to and has never answered through the link ({@link RetryPolicy#retries}).
 */
public final class HubClient implements AutoCloseable {
    private final HubLink link;
    private final RetryPolicy policy;
    private final Clock clock;
    private final Waiter waiter;

    /** Over another link than HTTPS: MQTT, or a scripted hub in a test. */
    public HubClient(HubLink link, RetryPolicy policy, Clock clock, Waiter waiter) {
        this.link = link;
        this.policy = policy;
        this.clock = clock;
        this.waiter = waiter;
    }

    /**
     * Over HTTPS.
     *
     * @param hostName    the assigned hub, {@code host[:port]}
     * @param credentials a symmetric-key device signs hub tokens with its key; an X.509 device presents its certificate
     */
    public HubClient(DeviceTransport transport, String hostName, String deviceId, DeviceAttestation credentials,
                     RetryPolicy policy, Clock clock, Waiter waiter) {
        this(new HttpsHubLink(transport, hostName, deviceId, credentials, clock), policy, clock, waiter);
    }

    public String hostName() {
        return link.hostName();
    }

    public String deviceId() {
        return link.deviceId();
    }

    public TelemetryOutcome send(Telemetry message, Timeline timeline, SplittableRandom random) throws InterruptedException {
        return deliver(1, timeout -> link.send(message, timeout), timeline, random);
    }

    /** All the messages in one go: one request over HTTPS ({@code application/vnd.microsoft.iothub.json}), a publish each over MQTT. */
    public TelemetryOutcome sendBatch(List<Telemetry> messages, Timeline timeline, SplittableRandom random) throws InterruptedException {
        List<Telemetry> batch = List.copyOf(messages);
        return deliver(batch.size(), timeout -> link.sendBatch(batch, timeout), timeline, random);
    }

    /** One attempt at a delivery over the link. */
    @FunctionalInterface
    private interface Attempt {
        HubLink.Delivery send(Duration timeout) throws DeviceTransport.TransportFailure;
    }

    private TelemetryOutcome deliver(int count, Attempt attempt, Timeline timeline, SplittableRandom random) throws InterruptedException {
        String deviceId = link.deviceId();
        Instant start = clock.instant();
        Instant deadline = start.plus(policy.deadline());
        int attempts = 0;
        String lastReason = "";
        int lastStatus = 0;
        Optional<String> lastCode = Optional.empty();
        while (true) {
            attempts++;
            Optional<String> retryAfter = Optional.empty();
            try {
                HubLink.Delivery answer = attempt.send(policy.requestTimeout());
                if (answer.accepted()) {
                    Duration latency = Duration.between(start, clock.instant());
                    timeline.add(new DeviceEvent.MessageSent(clock.instant(), deviceId, count, answer.status(), latency));
                    return new TelemetryOutcome.Acknowledged(count, latency, attempts);
                }
                lastStatus = answer.status();
                lastCode = answer.errorCode();
                lastReason = answer.status() + " " + lastCode.orElse("") + " " + answer.message();
                if (answer.status() != 429 && answer.status() < 500) {
                    return failed(count, lastStatus, lastCode, lastReason, timeline);
                }
                retryAfter = answer.retryAfter();
            } catch (DeviceTransport.TransportFailure failure) {
                if (Thread.interrupted()) {
                    // Stopped from outside (the fleet ends, the board loses power): not a failure to retry.
                    throw new InterruptedException("send interrupted");
                }
                if (!policy.retries(failure.connectFailure(), link.hasAnswered(failure.endpoint()))) {
                    String reason = "cannot reach the hub at " + failure.endpoint() + ": " + failure.connectFailure().orElseThrow().text()
                            + " (it has not answered in this run; not retried)";
                    timeline.add(new DeviceEvent.MessageFailed(clock.instant(), deviceId, count, reason));
                    return new TelemetryOutcome.Unreachable(count, failure.endpoint(), failure.connectFailure().orElseThrow(), reason);
                }
                lastStatus = 0;
                lastCode = Optional.empty();
                lastReason = failure.getMessage();
            }
            int tries = attempts;
            Duration wait = retryAfter.flatMap(RetryPolicy::seconds).filter(d -> !d.isZero())
                    .orElseGet(() -> policy.backoff(tries, random.nextDouble()));
            if (clock.instant().plus(wait).isAfter(deadline)) {
                return failed(count, lastStatus, lastCode, "gave up after " + attempts + " attempts: " + lastReason.strip(), timeline);
            }
            timeline.add(new DeviceEvent.RetryScheduled(clock.instant(), deviceId, "send", lastReason.strip(), wait));
            waiter.await(wait);
        }
    }

    private TelemetryOutcome failed(int count, int status, Optional<String> code, String reason, Timeline timeline) {
        timeline.add(new DeviceEvent.MessageFailed(clock.instant(), link.deviceId(), count, reason.strip()));
        return new TelemetryOutcome.Failed(count, status, code, reason.strip());
    }

    /** The oldest waiting cloud-to-device message, now locked for this device; empty when none waits. */
    public Optional<CloudMessage> receive() {
        return c2d("receive", () -> link.receive(policy.requestTimeout()));
    }

    public void complete(String lockToken) {
        settle(lockToken, HubLink.Settlement.COMPLETE);
    }

    public void reject(String lockToken) {
        settle(lockToken, HubLink.Settlement.REJECT);
    }

    public void abandon(String lockToken) {
        settle(lockToken, HubLink.Settlement.ABANDON);
    }

    /** Closes the link: an MQTT device's connection. */
    @Override
    public void close() {
        link.close();
    }

    private void settle(String lockToken, HubLink.Settlement settlement) {
        c2d(settlement.name().toLowerCase(Locale.ROOT), () -> {
            link.settle(lockToken, settlement, policy.requestTimeout());
            return Optional.empty();
        });
    }

    @FunctionalInterface
    private interface CloudRequest {
        Optional<CloudMessage> run() throws DeviceTransport.TransportFailure;
    }

    /** One cloud-to-device request; no answer is a {@link HubRequestException}, saying so when the hub was never there. */
    private Optional<CloudMessage> c2d(String what, CloudRequest request) {
        try {
            return request.run();
        } catch (DeviceTransport.TransportFailure failure) {
            if (!policy.retries(failure.connectFailure(), link.hasAnswered(failure.endpoint()))) {
                ConnectFailure why = failure.connectFailure().orElseThrow();
                throw new HubRequestException(failure.endpoint(), why, what + ": cannot reach the hub at " + failure.endpoint() + ": "
                        + why.text(), failure);
            }
            throw new HubRequestException(0, Optional.empty(), what + ": " + failure.getMessage());
        }
    }
}
