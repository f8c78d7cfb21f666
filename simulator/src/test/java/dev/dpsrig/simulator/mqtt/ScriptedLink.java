package dev.dpsrig.simulator.mqtt;

import io.netty.handler.codec.mqtt.MqttMessage;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A client on the other end of an {@link MqttLink}, in memory: the bytes it sends, the packets it got back. */
final class ScriptedLink implements MqttLink {
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> toServer = new LinkedBlockingQueue<>();
    private final MqttCodec client = new MqttCodec(1 << 20);
    private final List<byte[]> fromServer = new ArrayList<>();
    private volatile boolean closed;
    private volatile boolean connected;
    private volatile Optional<String> overCapacity = Optional.empty();

    void send(MqttMessage packet) {
        toServer.add(client.encode(packet));
    }

    void sendBytes(byte[] bytes) {
        toServer.add(bytes);
    }

    void overCapacity(String reason) {
        overCapacity = Optional.of(reason);
    }

    /** What the server sent, decoded. */
    synchronized List<MqttMessage> received() {
        MqttCodec decoder = new MqttCodec(1 << 20);
        List<MqttMessage> packets = new ArrayList<>();
        fromServer.forEach(bytes -> packets.addAll(decoder.decode(bytes)));
        return packets;
    }

    boolean closed() {
        return closed;
    }

    boolean wasConnected() {
        return connected;
    }

    @Override
    public byte[] read() {
        try {
            byte[] bytes = toServer.poll(30, TimeUnit.SECONDS);
            return bytes == null || bytes == END || closed ? null : bytes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public synchronized void write(byte[] bytes) {
        fromServer.add(bytes);
    }

    @Override
    public void close() {
        closed = true;
        toServer.add(END);
    }

    @Override
    public List<X509Certificate> clientChain() {
        return List.of();
    }

    @Override
    public String peer() {
        return "test:1";
    }

    @Override
    public Optional<String> overCapacity() {
        return overCapacity;
    }

    @Override
    public void connected() {
        connected = true;
    }
}
