package dev.dpsrig.emulator.fleet;

import dev.dpsrig.emulator.client.MqttSettings;
import dev.dpsrig.emulator.device.DeviceTransport;
import dev.dpsrig.emulator.device.DpsEndpoint;
import dev.dpsrig.emulator.device.EmulatedDevice;
import dev.dpsrig.emulator.device.HubClient;
import dev.dpsrig.emulator.device.ProvisioningException;
import dev.dpsrig.emulator.device.RetryPolicy;
import dev.dpsrig.emulator.device.Telemetry;
import dev.dpsrig.emulator.device.TelemetryOutcome;
import dev.dpsrig.emulator.device.Timeline;
import dev.dpsrig.emulator.device.Waiter;
import dev.dpsrig.protocol.ConnectFailure;
import dev.dpsrig.protocol.MessageProperty;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs a fleet (or one shard of it): each device on a virtual thread of its own, created only when its turn
 * comes (the ramp says when, a semaphore caps how many are in flight), registering through DPS and then
 * sending its telemetry on schedule, over the transport the spec gives it (HTTPS, or MQTT over TLS or WebSockets, where
 * it keeps one hub connection until it is done). The tally and the report count each transport's share apart. A device's randomness comes from (seed, index), so the same spec
 * sends the same payloads on the same schedule every time. A waiting device holds its small state, its
 * timeline and its virtual thread's stack; the report says how much heap that came to.
 *
 * <p>Devices retry what a running DPS or hub answers (429, 5xx, dropped connections, timeouts, and a refused
 * connection once the endpoint has answered in this run: a restart). When a device cannot open a connection at all
 * to an endpoint nobody in the run has reached, the run stops starting devices, stops those in flight and throws
 * {@link FleetUnreachableException}.
 */
public final class FleetRunner {
    /**
     * One line of live progress, every second.
     *
     * @param window                 the seconds the rates are over (the latest few)
     * @param registrationsPerSecond assigned per second over the window
     * @param messagesPerSecond      acknowledged per second over the window
     * @param errors                 devices' registrations and messages that failed so far
     * @param latestError            the code of the latest of them; empty before any
     * @param retries                requests retried so far (after 429, 5xx, a timeout, a dropped or refused connection)
     * @param refused                connections refused so far, retried or not
     */
    public record Progress(double seconds, Map<String, Long> phases, double window, double registrationsPerSecond,
                           double messagesPerSecond, long errors, String latestError, long retries, long refused, long devices) {
        public String line() {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%6.1f s |", seconds));
            phases.forEach((phase, count) -> line.append(' ').append(phase).append(' ').append(count));
            return line.append(String.format(Locale.ROOT, " | last %.0f s: %.1f reg/s %.1f msg/s | errors %d%s, retries %d, refused %d",
                    window, registrationsPerSecond, messagesPerSecond, errors, latestError.isEmpty() ? "" : " (latest " + latestError + ")",
                    retries, refused)).toString();
        }
    }

    private final FleetSpec spec;
    private final DpsEndpoint endpoint;
    private final MqttSettings mqtt;
    private final FleetCredentials credentials;
    private final Consumer<Progress> progress;
    private final PayloadTemplate template;
    private final RetryPolicy policy;

    private final FleetTally tally;
    private final AtomicReference<FleetUnreachableException> unreachable = new AtomicReference<>();

    /** A run whose MQTT devices find DPS and their hubs on Azure's ports of the hosts they are given. */
    public FleetRunner(FleetSpec spec, DpsEndpoint endpoint, FleetCredentials credentials, Consumer<Progress> progress) {
        this(spec, endpoint, MqttSettings.NONE, credentials, progress);
    }

    /** A run whose MQTT devices find DPS and their hubs where {@code mqtt} (from {@code dev-settings.json}) says. */
    public FleetRunner(FleetSpec spec, DpsEndpoint endpoint, MqttSettings mqtt, FleetCredentials credentials, Consumer<Progress> progress) {
        this.spec = spec;
        this.endpoint = endpoint;
        this.mqtt = mqtt;
        this.tally = new FleetTally(spec.transportsInUse());
        this.credentials = credentials;
        this.progress = progress;
        this.template = PayloadTemplate.parse(spec.payload());
        RetryPolicy retry = RetryPolicy.DEFAULTS.withDeadline(spec.deadline());
        this.policy = spec.pollInterval().map(poll -> retry.withPollBounds(poll, Duration.ZERO, Duration.ZERO)).orElse(retry);
    }

    /** A device's own random stream for {@code purpose}: a function of seed and index only. */
    static long deviceSeed(long seed, long index, long purpose) {
        long h = seed * 0x9E3779B97F4A7C15L + index;
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + purpose;
        return new SplittableRandom(h).nextLong();
    }

    /**
     * @throws FleetUnreachableException when devices could not reach DPS or their hub at all (see the class comment)
     */
    public FleetReport run() throws InterruptedException {
        int size = spec.shard().size(spec.devices());
        int messages = spec.messagesPerDevice();
        tally.waiting.set(size);
        long heapBefore = FleetSampler.liveHeap();
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        FleetSampler sampler = new FleetSampler(tally, progress, started, size);
        // One platform thread for the whole run, so the progress clock keeps time while devices keep the carriers busy.
        Thread ticker = Thread.ofPlatform().daemon().name("fleet-progress").start(sampler);
        long virtualThreads = 0;
        Semaphore inFlight = new Semaphore(spec.concurrency());
        try (DeviceTransport transport = new DeviceTransport(endpoint.trustedRoots(), spec.connection(), Duration.ofSeconds(10),
                exchange -> exchange.connectFailure().filter(ConnectFailure.REFUSED::equals).ifPresent(refusal -> tally.refused.increment()));
             ExecutorService devices = Executors.newVirtualThreadPerTaskExecutor()) {
            FleetLinks links = new FleetLinks(spec.transportsInUse(), endpoint, mqtt, transport, policy);
            for (int n = 0; n < size && unreachable.get() == null; n++) {
                long index = spec.shard().deviceIndex(n);
                if (spec.ramp() > 0) {
                    long due = started + (long) (index * 1e9 / spec.ramp());
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                inFlight.acquire();
                if (unreachable.get() != null) {
                    break;
                }
                tally.waiting.decrementAndGet();
                tally.registering.incrementAndGet();
                virtualThreads++;
                devices.submit(() -> {
                    try {
                        runDevice(index, links, messages);
                    } finally {
                        inFlight.release();
                    }
                });
            }
            if (unreachable.get() != null) {
                // Devices still in flight would only find the same; they stop where they are.
                devices.shutdownNow();
            }
        } finally {
            sampler.stop();
            ticker.interrupt();
            ticker.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<FleetReport.Bucket> buckets = sampler.finish();
        if (unreachable.get() != null) {
            throw unreachable.get();
        }
        long peakHeap = Math.max(sampler.peakHeap, heapBefore);
        long peakInFlight = Math.max(1, sampler.peakInFlight);
        FleetReport.Memory memory = new FleetReport.Memory(heapBefore, peakHeap, sampler.peakInFlight,
                Math.max(0, (peakHeap - heapBefore) / peakInFlight), sampler.peakThreads, virtualThreads);
        return new FleetReport(Optional.of(spec.toJson()), List.of(spec.shard().toString()), size, tally.statuses(), tally.errorCounts(),
                tally.sent.sum(), tally.acknowledged.sum(), tally.failedMessages.sum(), seconds, FleetTally.copy(tally.register),
                FleetTally.copy(tally.timeToAssigned), FleetTally.copy(tally.telemetry),
                buckets, memory, tally.shares(), Optional.of(startedAt), tally.requests.snapshot());
    }

    private void runDevice(long index, FleetLinks links, int messages) {
        String id = spec.registrationId(index);
        boolean registered = false;
        FleetTransport transport = spec.transportOf(index);
        TransportTally lane = tally.lane(transport);
        lane.devices.increment();
        FleetLinks.Links link = links.of(transport);
        try (EmulatedDevice device = new EmulatedDevice(credentials.attestation(index), link.dps(), link.hubs(), policy,
                Clock.systemUTC(), Waiter.SLEEPING, deviceSeed(spec.seed(), index, 1))) {
            device.timeline().onEvent(tally::countRetry);
            long begin = System.nanoTime();
            int refusal = 0;
            try {
                device.register(Optional.empty());
            } catch (ProvisioningException e) {
                refusal = e.reason() == ProvisioningException.Reason.REFUSED ? e.httpStatus() : 0;
                throw e;
            } finally {
                tally.registration(transport, lane, device.timeline(), refusal);
            }
            tally.assigned(lane, (System.nanoTime() - begin) / 1000);
            registered = true;
            tally.registering.decrementAndGet();
            tally.sending.incrementAndGet();
            if (sendTelemetry(device.hub(), transport, lane, id, index, messages, device.random())) {
                tally.sending.decrementAndGet();
                tally.done.incrementAndGet();
            } else {
                tally.fail(true);
            }
        } catch (ProvisioningException e) {
            tally.status(switch (e.reason()) {
                case REFUSED -> "refused";
                case FAILED -> "failed";
                case DISABLED -> "disabled";
                case DEADLINE_EXCEEDED -> "deadline-exceeded";
                case UNREACHABLE -> "unreachable";
            });
            if (e.reason() == ProvisioningException.Reason.UNREACHABLE) {
                unreachable.compareAndSet(null, new FleetUnreachableException("DPS", e.endpoint().orElseThrow(),
                        e.connectFailure().orElseThrow(), e));
            }
            tally.error(lane, e.errorCode().map(String::valueOf).orElse(e.httpStatus() == 0 ? "connection" : "http:" + e.httpStatus()),
                    e.getMessage());
            tally.fail(registered);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (unreachable.get() != null) {
                // Stopped because the run is over, not a failure of its own.
                (registered ? tally.sending : tally.registering).decrementAndGet();
                return;
            }
            if (!registered) {
                tally.status("error");
            }
            tally.error(lane, "interrupted", String.valueOf(e.getMessage()));
            tally.fail(registered);
        } catch (RuntimeException e) {
            if (!registered) {
                tally.status("error");
            }
            tally.error(lane, "exception:" + e.getClass().getSimpleName(), e.toString());
            tally.fail(registered);
        }
    }

    /** Sends the device's messages on schedule; false when it stopped because its hub cannot be reached at all. */
    private boolean sendTelemetry(HubClient hub, FleetTransport transport, TransportTally lane, String id, long index, int messages, SplittableRandom jitter) throws InterruptedException {
        SplittableRandom payload = new SplittableRandom(deviceSeed(spec.seed(), index, 2));
        long first = System.nanoTime();
        for (int sequence = 0; sequence < messages; sequence++) {
            long wait = first + sequence * spec.telemetryInterval().toNanos() - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String body = template.render(id, index, sequence, Instant.now(), payload);
            Telemetry message = Telemetry.text(body).with(MessageProperty.CONTENT_TYPE, "application/json")
                    .with(MessageProperty.CONTENT_ENCODING, "utf-8").with(MessageProperty.MESSAGE_ID, id + "-" + sequence);
            tally.sent(lane);
            // A fresh timeline per message: a device sending for hours must not accumulate its history.
            Timeline delivery = new Timeline().onEvent(tally::countRetry);
            TelemetryOutcome outcome = hub.send(message, delivery, jitter);
            tally.requests.delivery(transport, delivery);
            switch (outcome) {
                case TelemetryOutcome.Acknowledged ack -> {
                    tally.acknowledged(lane, ack.latency().toNanos() / 1000);
                }
                case TelemetryOutcome.Failed failure -> {
                    tally.failedMessage(lane, failure.errorCode().map(code -> "hub:" + code)
                            .orElse(failure.httpStatus() == 0 ? "connection" : "http:" + failure.httpStatus()), failure.reason());
                }
                case TelemetryOutcome.Unreachable nobody -> {
                    tally.failedMessage(lane, "connection", nobody.reason());
                    unreachable.compareAndSet(null, new FleetUnreachableException("the IoT hub", nobody.endpoint(),
                            nobody.connectFailure(), null));
                    return false;
                }
            }
        }
        return true;
    }

}
