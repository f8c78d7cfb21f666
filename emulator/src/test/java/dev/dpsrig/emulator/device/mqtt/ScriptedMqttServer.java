package dev.dpsrig.emulator.device.mqtt;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.TlsContexts;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An MQTT 3.1.1 server over TLS on localhost that answers as DPS and IoT Hub do (CONNACK accepted, SUBACK granting QoS
 * 1, PUBACK, PINGRESP) and lets a test hold PUBACKs back, stay silent to pings, push a message and drop connections.
 */
final class ScriptedMqttServer implements AutoCloseable {
    private final HeldCertificate root = HeldCertificate.builder().commonName("Scripted Root").certificateAuthority().build();
    private final ServerSocket listening;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final BlockingQueue<String> published = new LinkedBlockingQueue<>();
    private final AtomicReference<CountDownLatch> pubacksHeld = new AtomicReference<>(new CountDownLatch(0));
    private volatile boolean answeringPings = true;

    ScriptedMqttServer() throws IOException {
        HeldCertificate server = HeldCertificate.builder().commonName("localhost").subjectAlternativeName("localhost").serverAuth()
                .signedBy(root).build();
        listening = TlsContexts.serverAcceptingAnyClient(server).getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::acceptUntilClosed);
    }

    /** Where a device reaches this server over MQTT over TLS, trusting its root. */
    MqttEndpoint endpoint() {
        return MqttEndpoint.tls("localhost:" + listening.getLocalPort(), List.of(root.certificate()));
    }

    /** How many connections devices opened so far. */
    int connectionCount() {
        return connections.size();
    }

    /** The topic of the next PUBLISH a device sends. */
    String nextPublished() throws InterruptedException {
        return published.take();
    }

    /** PUBACKs wait until {@link #releasePubacks()}. */
    void holdPubacks() {
        pubacksHeld.set(new CountDownLatch(1));
    }

    void releasePubacks() {
        pubacksHeld.get().countDown();
    }

    /** PINGREQs go unanswered from now on. */
    void ignorePings() {
        answeringPings = false;
    }

    /** Sends a QoS 1 PUBLISH to the device on the newest connection. */
    void push(String topic, int packetId, byte[] payload) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] name = topic.getBytes(StandardCharsets.UTF_8);
        body.writeBytes(new byte[] {(byte) (name.length >> 8), (byte) name.length});
        body.writeBytes(name);
        body.writeBytes(new byte[] {(byte) (packetId >> 8), (byte) packetId});
        body.writeBytes(payload);
        send(connections.getLast(), 0x32, body.toByteArray());
    }

    /** Ends every connection without a word, as a network drop does. */
    void dropConnections() throws IOException {
        for (Socket connection : connections) {
            connection.close();
        }
    }

    @Override
    public void close() throws IOException {
        listening.close();
        dropConnections();
    }

    private void acceptUntilClosed() {
        try {
            while (true) {
                Socket connection = listening.accept();
                connections.add(connection);
                Thread.ofVirtual().start(() -> serve(connection));
            }
        } catch (IOException e) {
            // Closed.
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            DataInputStream in = new DataInputStream(connection.getInputStream());
            while (true) {
                int header = in.readUnsignedByte();
                byte[] body = new byte[remainingLength(in)];
                in.readFully(body);
                switch (header >> 4) {
                    case 1 -> send(connection, 0x20, new byte[] {0, 0});
                    case 3 -> {
                        int topicLength = (body[0] & 0xFF) << 8 | body[1] & 0xFF;
                        published.add(new String(body, 2, topicLength, StandardCharsets.UTF_8));
                        pubacksHeld.get().await();
                        send(connection, 0x40, new byte[] {body[2 + topicLength], body[3 + topicLength]});
                    }
                    case 8 -> send(connection, 0x90, new byte[] {body[0], body[1], 1});
                    case 12 -> {
                        if (answeringPings) {
                            send(connection, 0xD0, new byte[0]);
                        }
                    }
                    case 14 -> {
                        return;
                    }
                    default -> {
                    }
                }
            }
        } catch (IOException | InterruptedException e) {
            // The device went away or the test dropped it.
        }
    }

    private static int remainingLength(DataInputStream in) throws IOException {
        int length = 0;
        int shift = 0;
        int next;
        do {
            next = in.readUnsignedByte();
            length |= (next & 0x7F) << shift;
            shift += 7;
        } while ((next & 0x80) != 0);
        return length;
    }

    private static void send(Socket connection, int header, byte[] body) throws IOException {
        synchronized (connection) {
            OutputStream out = connection.getOutputStream();
            out.write(header);
            int length = body.length;
            do {
                out.write(length > 0x7F ? length & 0x7F | 0x80 : length);
                length >>= 7;
            } while (length > 0);
            out.write(body);
            out.flush();
        }
    }
}
