package dev.dpsrig.emulator.device.mqtt;

import dev.dpsrig.certs.HeldCertificate;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One device's MQTT 3.1.1 connection, as a device keeps it: CONNECT and its CONNACK, then a virtual thread parked in
 * read for what the server sends, another pinging within the keep-alive, and publishes at QoS 1 that wait for their
 * PUBACK. A server that sends nothing within 1.5 times the keep-alive of a PINGREQ is gone (MQTT 3.1.1 §3.1.2.10): the
 * connection ends. When the connection ends, every wait ends with the reason, and the listener hears it.
 */
final class MqttConnection implements AutoCloseable {
    /** The keep-alive a device asks for; the SDKs ask for 230 s, the simulator closes after 1.5 times it. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(60);

    /** What the server sends a device unasked, and the end of the connection. */
    interface Listener {
        void message(MqttConnection connection, MqttPacket.Publish message);

        void closed(IOException why);
    }

    /** The CONNECT's client id, user name and password (none for a device that presents a certificate). */
    record Credentials(String clientId, String username, Optional<String> password) {
        /** The client id and user name; the password only as present or not, never its text (a SAS token). */
        @Override
        public String toString() {
            return "Credentials[clientId=" + clientId + ", username=" + username + ", password="
                    + (password.isPresent() ? "(hidden)" : "(none)") + "]";
        }
    }

    private final MqttWire wire;
    private final String address;
    private final Listener listener;
    private final ReentrantLock writing = new ReentrantLock();
    private final Map<Integer, CompletableFuture<MqttPacket>> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<MqttPacket.Connack> connack = new CompletableFuture<>();
    private final AtomicInteger packetIds = new AtomicInteger();
    private final AtomicReference<IOException> closed = new AtomicReference<>();
    private final Duration keepAlive;
    /** When the oldest PINGREQ nothing has been read since was sent ({@link System#nanoTime}), if one was. */
    private final AtomicReference<Long> unansweredPing = new AtomicReference<>();
    private volatile Thread pinger;

    private MqttConnection(MqttWire wire, String address, Listener listener, Duration keepAlive) {
        this.wire = wire;
        this.address = address;
        this.listener = listener;
        this.keepAlive = keepAlive;
    }

    /**
     * Connects and waits for the CONNACK, all within {@code timeout}.
     *
     * @throws ConnackRefusal when the server refuses the CONNECT
     * @throws IOException    when no connection could be made or it ended first
     */
    static MqttConnection open(MqttEndpoint endpoint, Optional<HeldCertificate> identity, Credentials credentials, Duration timeout,
                               Listener listener) throws IOException {
        return open(endpoint, identity, credentials, timeout, listener, KEEP_ALIVE);
    }

    /** Connects as {@link #open(MqttEndpoint, Optional, Credentials, Duration, Listener)} does, asking for {@code keepAlive}. */
    static MqttConnection open(MqttEndpoint endpoint, Optional<HeldCertificate> identity, Credentials credentials, Duration timeout,
                               Listener listener, Duration keepAlive) throws IOException {
        MqttWire wire = MqttWire.open(endpoint, identity, timeout);
        MqttConnection connection = new MqttConnection(wire, endpoint.address(), listener, keepAlive);
        Thread.ofVirtual().name("mqtt-read " + credentials.clientId()).start(connection::readUntilClosed);
        try {
            connection.write(MqttFrames.connect(credentials.clientId(), credentials.username(), credentials.password(),
                    Math.toIntExact(keepAlive.toSeconds())));
            int code = await(connection.connack, timeout, "CONNACK").returnCode();
            if (code != 0) {
                throw new ConnackRefusal(code);
            }
        } catch (IOException e) {
            connection.close();
            throw e;
        }
        connection.pinger = Thread.ofVirtual().name("mqtt-ping " + credentials.clientId()).start(connection::pingUntilClosed);
        return connection;
    }

    /** Publishes at QoS 1 and waits for the PUBACK, the server's acknowledgement. */
    void publish(String topic, byte[] payload, Duration timeout) throws IOException {
        int id = nextPacketId();
        CompletableFuture<MqttPacket> acknowledged = expect(id);
        try {
            write(MqttFrames.publish(topic, id, payload));
            await(acknowledged, timeout, "PUBACK");
        } finally {
            pending.remove(id);
        }
    }

    /** Subscribes at QoS 1; answers the granted QoS, or {@code 0x80} when the server refused the filter. */
    int subscribe(String filter, Duration timeout) throws IOException {
        int id = nextPacketId();
        CompletableFuture<MqttPacket> granted = expect(id);
        try {
            write(MqttFrames.subscribe(id, filter));
            return ((MqttPacket.Suback) await(granted, timeout, "SUBACK")).returnCode();
        } finally {
            pending.remove(id);
        }
    }

    /** Acknowledges a message the server sent at QoS 1. */
    void acknowledge(int packetId) throws IOException {
        write(MqttFrames.puback(packetId));
    }

    boolean isOpen() {
        return closed.get() == null;
    }

    /** Sends DISCONNECT and closes. */
    @Override
    public void close() {
        if (isOpen()) {
            try {
                write(MqttFrames.disconnect());
            } catch (IOException e) {
                // Closing anyway.
            }
        }
        end(new IOException("the device closed the connection"));
    }

    private CompletableFuture<MqttPacket> expect(int id) throws IOException {
        CompletableFuture<MqttPacket> answer = new CompletableFuture<>();
        pending.put(id, answer);
        IOException why = closed.get();
        if (why != null) {
            pending.remove(id);
            throw new IOException(why.getMessage(), why);
        }
        return answer;
    }

    private int nextPacketId() {
        return packetIds.updateAndGet(id -> id >= 0xFFFF ? 1 : id + 1);
    }

    private void write(byte[] packet) throws IOException {
        writing.lock();
        try {
            IOException why = closed.get();
            if (why != null) {
                throw new IOException(why.getMessage(), why);
            }
            wire.write(packet);
        } catch (IOException e) {
            end(e);
            throw e;
        } finally {
            writing.unlock();
        }
    }

    private void readUntilClosed() {
        try {
            while (isOpen()) {
                MqttPacket packet = MqttPacket.read(wire.in());
                unansweredPing.set(null);
                switch (packet) {
                    case MqttPacket.Connack answer -> connack.complete(answer);
                    case MqttPacket.Publish message -> listener.message(this, message);
                    case MqttPacket.Puback ack -> complete(ack.packetId(), ack);
                    case MqttPacket.Suback ack -> complete(ack.packetId(), ack);
                    case MqttPacket.Pingresp pong -> {
                    }
                    case MqttPacket.Other other -> {
                    }
                }
            }
        } catch (IOException e) {
            end(new IOException("the connection to " + address + " ended: " + e.getMessage(), e));
        }
    }

    /** Pings every half keep-alive; ends the connection when nothing was read within 1.5 keep-alives of a PINGREQ. */
    private void pingUntilClosed() {
        long interval = keepAlive.toNanos() / 2;
        long patience = keepAlive.toNanos() * 3 / 2;
        long nextPing = System.nanoTime() + interval;
        try {
            while (isOpen()) {
                long now = System.nanoTime();
                Long pinged = unansweredPing.get();
                if (pinged != null && now - pinged >= patience) {
                    end(new IOException("the connection to " + address + " ended: nothing came within " + patience / 1_000_000
                            + " ms of a PINGREQ"));
                    return;
                }
                if (now - nextPing >= 0) {
                    unansweredPing.compareAndSet(null, now);
                    write(MqttFrames.pingreq());
                    nextPing = now + interval;
                } else {
                    long wake = pinged == null ? nextPing : Math.min(nextPing, pinged + patience);
                    Thread.sleep(Duration.ofNanos(Math.max(1, wake - now)));
                }
            }
        } catch (InterruptedException | IOException e) {
            // The connection ended; the reader has said why.
        }
    }

    private void complete(int packetId, MqttPacket packet) {
        CompletableFuture<MqttPacket> waiting = pending.remove(packetId);
        if (waiting != null) {
            waiting.complete(packet);
        }
    }

    private void end(IOException why) {
        if (!closed.compareAndSet(null, why)) {
            return;
        }
        wire.close();
        Thread ping = pinger;
        if (ping != null) {
            ping.interrupt();
        }
        connack.completeExceptionally(why);
        pending.values().forEach(waiting -> waiting.completeExceptionally(why));
        pending.clear();
        listener.closed(why);
    }

    private static <T> T await(CompletableFuture<T> answer, Duration timeout, String what) throws IOException {
        try {
            return answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new MqttTimeout("no " + what + " within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? new IOException(io.getMessage(), io) : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a " + what, e);
        }
    }

    /** No answer came in time; the connection may still be fine. */
    static final class MqttTimeout extends InterruptedIOException {
        MqttTimeout(String message) {
            super(message);
        }
    }
}
