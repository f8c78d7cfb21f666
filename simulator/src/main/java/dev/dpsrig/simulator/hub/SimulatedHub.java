package dev.dpsrig.simulator.hub;

import dev.dpsrig.protocol.HubErrorCode;
import dev.dpsrig.protocol.HubException;
import dev.dpsrig.protocol.MessageProperty;
import dev.dpsrig.simulator.dps.DeviceCredentials;
import dev.dpsrig.simulator.dps.Hub;
import dev.dpsrig.simulator.dps.HubDevice;
import dev.dpsrig.simulator.dps.HubRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One simulated IoT hub: its device registry (filled by DPS), the device-to-cloud messages it
 * accepted, and each device's cloud-to-device queue. The device API ({@link #acceptEvents},
 * {@link #receive}, {@link #complete}, {@link #reject}, {@link #abandon}) authenticates every call;
 * the inspection API is for tests and the {@code dpsrig hub} commands.
 */
public final class SimulatedHub implements AutoCloseable {
    /** Messages kept in memory per hub; the message log on disk keeps them all. */
    static final int MESSAGES_IN_MEMORY = 500_000;

    private final HubRegistry registry;
    private final MessageLog log;
    private final CloudToDeviceQueues queues;
    private final DeviceBoundWatchers watchers = new DeviceBoundWatchers();
    private final Clock clock;
    private final HubAuthenticator authenticator;
    private final AtomicLong sequence;
    private final NavigableMap<Long, DeviceMessage> messages;
    private final Map<String, NavigableMap<Long, DeviceMessage>> messagesByDevice;
    private final ReentrantLock arrivals = new ReentrantLock();
    private final Condition arrived = arrivals.newCondition();
    /** Guarded by {@code arrivals}: every sequence number up to this one is visible or was given up. */
    private long published;
    /** Guarded by {@code arrivals}: numbers settled while a lower one was still being written; empty for a failed write. */
    private final NavigableMap<Long, Optional<DeviceMessage>> settledAhead = new TreeMap<>();

    public SimulatedHub(HubRegistry registry, MessageLog log, DeviceBoundStore store, CloudToDeviceSettings settings, Clock clock) {
        this(registry, load(registry.hub().name(), log, store, settings), clock);
    }

    /** A hub over what {@link #load} read. */
    public SimulatedHub(HubRegistry registry, Stored stored, Clock clock) {
        if (!stored.hubName.equals(registry.hub().name())) {
            throw new IllegalArgumentException("stored state of hub '" + stored.hubName + "' given to hub '" + registry.hub().name() + "'");
        }
        this.registry = registry;
        this.log = stored.log;
        // The message log and the queues' store keep timestamps to seven fractional digits; ticking at that
        // precision makes a message read back after a restart equal to the one accepted before it.
        this.clock = Clock.tick(clock, Duration.ofNanos(100));
        this.authenticator = new HubAuthenticator(clock);
        this.queues = stored.queues;
        this.messages = stored.messages;
        this.messagesByDevice = stored.messagesByDevice;
        this.sequence = new AtomicLong(messages.isEmpty() ? 0 : messages.lastKey());
        this.published = sequence.get();
    }

    /**
     * A hub's accepted messages and cloud-to-device queues as stored, read in full: what takes time when a
     * populated data directory is opened, done before the simulator listens (a hub's address, which the
     * hub itself needs, is only known once it does).
     */
    public static final class Stored {
        private final String hubName;
        private final MessageLog log;
        private final CloudToDeviceQueues queues;
        private final NavigableMap<Long, DeviceMessage> messages = new ConcurrentSkipListMap<>();
        private final Map<String, NavigableMap<Long, DeviceMessage>> messagesByDevice = new ConcurrentHashMap<>();

        private Stored(String hubName, MessageLog log, CloudToDeviceQueues queues) {
            this.hubName = hubName;
            this.log = log;
            this.queues = queues;
        }
    }

    public static Stored load(String hubName, MessageLog log, DeviceBoundStore store, CloudToDeviceSettings settings) {
        Stored stored = new Stored(hubName, log, new CloudToDeviceQueues(hubName, store, settings));
        log.readAll().forEach(message -> remember(stored.messages, stored.messagesByDevice, message));
        return stored;
    }

    public Hub hub() {
        return registry.hub();
    }

    public String name() {
        return registry.hub().name();
    }

    // ---- device API ---------------------------------------------------------------------------

    /** Accepts one message or a batch from a device; all or nothing. */
    public List<DeviceMessage> acceptEvents(String deviceId, Optional<String> moduleId, DeviceCredentials credentials,
                                            Set<String> hostNames, List<IncomingMessage> batch) {
        return acceptEvents(deviceId, moduleId, credentials, hostNames, () -> batch);
    }

    /**
     * Accepts one message or a batch, reading it only once the device has proven who it is: an
     * unauthenticated sender never gets its body read.
     */
    public List<DeviceMessage> acceptEvents(String deviceId, Optional<String> moduleId, DeviceCredentials credentials,
                                            Set<String> hostNames, Supplier<List<IncomingMessage>> body) {
        String authMethod = authorize(deviceId, moduleId, credentials, hostNames);
        List<IncomingMessage> batch = body.get();
        int total = 0;
        for (IncomingMessage message : batch) {
            total += message.size();
            if (message.size() > IncomingMessage.MAX_SIZE) {
                throw new HubException(HubErrorCode.MESSAGE_TOO_LARGE, "a message of " + message.size()
                        + " bytes (body, system property values, application property names and values) exceeds the "
                        + IncomingMessage.MAX_SIZE + "-byte limit");
            }
        }
        if (total > IncomingMessage.MAX_SIZE) {
            throw new HubException(HubErrorCode.MESSAGE_TOO_LARGE, "a batch of " + batch.size() + " messages totalling "
                    + total + " bytes exceeds the " + IncomingMessage.MAX_SIZE + "-byte limit");
        }
        List<DeviceMessage> accepted = new ArrayList<>(batch.size());
        List<Long> numbers = new ArrayList<>(batch.size());
        Instant now = clock.instant();
        boolean written = false;
        try {
            for (IncomingMessage message : batch) {
                long number = sequence.incrementAndGet();
                numbers.add(number);
                accepted.add(new DeviceMessage(number, name(), deviceId, moduleId, message.body(),
                        message.properties(), message.systemProperties(), authMethod, now));
            }
            log.appendAll(accepted);
            written = true;
        } finally {
            publishInOrder(numbers, written ? accepted : List.of());
        }
        return accepted;
    }

    /**
     * Makes messages visible strictly in sequence order, so that a reader following {@link #messagesAfter}
     * never skips one that a concurrent, slower write still holds back; returns once {@code numbers} are visible.
     *
     * @param visible the messages of {@code numbers} that were stored; the other numbers are given up
     */
    private void publishInOrder(List<Long> numbers, List<DeviceMessage> visible) {
        arrivals.lock();
        try {
            numbers.forEach(number -> settledAhead.put(number, Optional.empty()));
            visible.forEach(message -> settledAhead.put(message.sequenceNumber(), Optional.of(message)));
            while (!settledAhead.isEmpty() && settledAhead.firstKey() == published + 1) {
                settledAhead.pollFirstEntry().getValue().ifPresent(this::remember);
                published++;
            }
            arrived.signalAll();
            long last = numbers.isEmpty() ? 0 : numbers.getLast();
            while (published < last) {
                arrived.awaitUninterruptibly();
            }
        } finally {
            arrivals.unlock();
        }
    }

    /**
     * Checks that a device may act with {@code credentials}, as each call of the device API does: what a
     * connection-oriented protocol (MQTT) asks once, when the device connects.
     *
     * @throws HubException as the device API would refuse the device
     */
    public void authenticate(String deviceId, DeviceCredentials credentials, Set<String> hostNames) {
        authorize(deviceId, Optional.empty(), credentials, hostNames);
    }

    /** The oldest visible cloud-to-device message, locked for this device; empty when there is none. */
    public Optional<Delivery> receive(String deviceId, DeviceCredentials credentials, Set<String> hostNames) {
        authorize(deviceId, Optional.empty(), credentials, hostNames);
        return queues.receive(deviceId, clock.instant());
    }

    public Settlement complete(String deviceId, String lockToken, DeviceCredentials credentials, Set<String> hostNames) {
        authorize(deviceId, Optional.empty(), credentials, hostNames);
        return queues.complete(deviceId, lockToken, clock.instant());
    }

    public Settlement reject(String deviceId, String lockToken, DeviceCredentials credentials, Set<String> hostNames) {
        authorize(deviceId, Optional.empty(), credentials, hostNames);
        return queues.reject(deviceId, lockToken, clock.instant());
    }

    public void abandon(String deviceId, String lockToken, DeviceCredentials credentials, Set<String> hostNames) {
        authorize(deviceId, Optional.empty(), credentials, hostNames);
        queues.abandon(deviceId, lockToken, clock.instant());
        watchers.visible(deviceId);
    }

    /**
     * The connection a message was delivered over ended before the device settled it: its lock lapses now, as it
     * would at the lock timeout, its delivery count unchanged, and the message is the next to be received. A lock
     * that lapsed already, or a message settled meanwhile, is left as it is.
     */
    public void releaseLock(String deviceId, String lockToken) {
        queues.release(deviceId, lockToken, clock.instant());
        watchers.visible(deviceId);
    }

    /**
     * Tells {@code visible} (on the thread that made the change) whenever a message of the device's cloud-to-device
     * queue may have become visible: queued, abandoned, its lock released. A connection that pushes messages to the
     * device watches this way; the answer stops watching.
     */
    public Runnable watchDeviceBound(String deviceId, Runnable visible) {
        return watchers.watch(deviceId, visible);
    }

    private String authorize(String deviceId, Optional<String> moduleId, DeviceCredentials credentials, Set<String> hostNames) {
        HubDevice device = registry.device(deviceId).orElseThrow(() -> HubException.notInThisHub(name(), deviceId));
        if (!device.enabled()) {
            throw HubException.deviceNotFound("device '" + deviceId + "' is disabled in hub '" + name() + "'");
        }
        if (moduleId.isPresent()) {
            throw new HubException(HubErrorCode.MODULE_NOT_FOUND, "device '" + deviceId + "' has no module '" + moduleId.get()
                    + "': DPS creates device identities only, and the simulated hub has no module registry");
        }
        return authenticator.authenticate(device, moduleId, credentials, hostNames);
    }

    // ---- inspection API -----------------------------------------------------------------------

    public List<HubDevice> devices() {
        return registry.devices();
    }

    public Optional<HubDevice> device(String deviceId) {
        return registry.device(deviceId);
    }

    public HubDevice setDeviceEnabled(String deviceId, boolean enabled) {
        return registry.setEnabled(deviceId, enabled, clock.instant());
    }

    /** Every message in memory, oldest first. */
    public List<DeviceMessage> messages() {
        return List.copyOf(messages.values());
    }

    public List<DeviceMessage> messages(String deviceId) {
        NavigableMap<Long, DeviceMessage> mine = messagesByDevice.get(deviceId);
        return mine == null ? List.of() : List.copyOf(mine.values());
    }

    /** Messages with a sequence number above {@code after}, waiting up to {@code timeout} for the first. */
    public List<DeviceMessage> messagesAfter(long after, Optional<String> deviceId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        arrivals.lock();
        try {
            while (true) {
                List<DeviceMessage> found = after(after, deviceId);
                long left = deadline - System.nanoTime();
                if (!found.isEmpty() || left <= 0) {
                    return found;
                }
                arrived.awaitNanos(left);
            }
        } finally {
            arrivals.unlock();
        }
    }

    private List<DeviceMessage> after(long after, Optional<String> deviceId) {
        NavigableMap<Long, DeviceMessage> source = deviceId.isPresent()
                ? messagesByDevice.getOrDefault(deviceId.get(), new ConcurrentSkipListMap<>()) : messages;
        return List.copyOf(source.tailMap(after, false).values());
    }

    /**
     * Waits until {@code count} messages from the device are in memory and returns them.
     *
     * @throws MessagesNotArrivedException when the timeout passes first, carrying what did arrive
     */
    public List<DeviceMessage> awaitMessages(String deviceId, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        arrivals.lock();
        try {
            while (messages(deviceId).size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new MessagesNotArrivedException(name(), deviceId, count, timeout, messages(deviceId));
                }
                arrived.await(left, TimeUnit.NANOSECONDS);
            }
            return messages(deviceId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessagesNotArrivedException(name(), deviceId, count, timeout, messages(deviceId));
        } finally {
            arrivals.unlock();
        }
    }

    /** Queues a cloud-to-device message for a device of this hub. */
    public CloudToDeviceMessage sendToDevice(String deviceId, byte[] body, Map<String, String> properties,
                                             Map<MessageProperty, String> systemProperties, Optional<Duration> timeToLive) {
        if (registry.device(deviceId).isEmpty()) {
            throw HubException.deviceNotFound("IotHub '" + name() + "' does not contain the specified device '" + deviceId + "'");
        }
        CloudToDeviceMessage queued = queues.enqueue(deviceId, body, properties, systemProperties, timeToLive, clock.instant());
        watchers.visible(deviceId);
        return queued;
    }

    /** What waits in a device's cloud-to-device queue, and under which lock. */
    public List<QueuedMessage> deviceBound(String deviceId) {
        return queues.pending(deviceId, clock.instant());
    }

    /** How cloud-to-device messages left their queues, oldest first. */
    public List<Settlement> settlements() {
        return queues.settlements();
    }

    @Override
    public void close() {
        log.close();
    }

    private void remember(DeviceMessage message) {
        remember(messages, messagesByDevice, message);
    }

    private static void remember(NavigableMap<Long, DeviceMessage> messages, Map<String, NavigableMap<Long, DeviceMessage>> messagesByDevice,
                                 DeviceMessage message) {
        messages.put(message.sequenceNumber(), message);
        messagesByDevice.computeIfAbsent(message.deviceId(), id -> new ConcurrentSkipListMap<>())
                .put(message.sequenceNumber(), message);
        while (messages.size() > MESSAGES_IN_MEMORY) {
            DeviceMessage oldest = messages.pollFirstEntry().getValue();
            messagesByDevice.get(oldest.deviceId()).remove(oldest.sequenceNumber());
        }
    }
}
