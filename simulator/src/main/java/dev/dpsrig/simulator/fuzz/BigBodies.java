package dev.dpsrig.simulator.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Unauthenticated requests with a huge body (streamed, never held by the client) to DPS register and
 * to the hub's telemetry endpoint, declared by {@code Content-Length} and chunked: the answer, how long
 * it took, how much had been sent by then, and how much the server's heap grew.
 */
final class BigBodies {
    private static final int BUFFER = 64 * 1024;

    private BigBodies() {
    }

    static void run(Fixture fixture, long bodyBytes, Duration limit, PrintWriter out) {
        out.printf(Locale.ROOT, "big bodies: %s each, unauthenticated, streamed in %d KB writes; heap live = after a full GC,"
                + " forced every 200 ms while the body is sent%n", HeapWatch.megabytes(bodyBytes), BUFFER / 1024);
        out.flush();
        String register = "/" + fixture.idScope + "/registrations/fz-big/register?api-version=" + Operations.DPS_API;
        String events = "/devices/" + fixture.devices.getFirst().id() + "/messages/events?api-version=" + Operations.HUB_API;
        for (boolean chunked : List.of(false, true)) {
            bigBody(fixture, "DPS register", fixture.dpsPort, fixture.dpsAuthority, "PUT", register, "application/json",
                    bodyBytes, chunked, limit, out);
            bigBody(fixture, "hub telemetry", fixture.hubPort, fixture.hubAuthority, "POST", events, "application/octet-stream",
                    bodyBytes, chunked, limit, out);
        }
    }

    private static void bigBody(Fixture fixture, String what, int port, String authority, String method, String target, String type,
                                long bodyBytes, boolean chunked, Duration limit, PrintWriter out) {
        String head = method + " " + target + " HTTP/1.1\r\nHost: " + authority + "\r\nContent-Type: " + type + "\r\n"
                + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + bodyBytes + "\r\n") + "\r\n";
        byte[] prefix = "{\"registrationId\":\"fz-big\",\"payload\":{\"data\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] suffix = "\"}}".getBytes(StandardCharsets.US_ASCII);
        AtomicLong sent = new AtomicLong();
        AtomicLong writerEnded = new AtomicLong();
        String[] writerEnd = {"finished sending"};
        long answeredAt = -1;
        long sentWhenAnswered = -1;
        String answer = "no answer";
        long started;
        HeapWatch heap = HeapWatch.start(Duration.ofMillis(200));
        started = System.nanoTime();
        try (SSLSocket socket = connect(fixture.identities.get(Fixture.ANONYMOUS), port, limit)) {
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    OutputStream output = socket.getOutputStream();
                    output.write(head.getBytes(StandardCharsets.US_ASCII));
                    byte[] buffer = new byte[BUFFER];
                    Arrays.fill(buffer, (byte) 'a');
                    long left = bodyBytes;
                    boolean first = true;
                    while (left > 0) {
                        byte[] piece = buffer;
                        int length = (int) Math.min(buffer.length, left);
                        if (first) {
                            piece = buffer.clone();
                            System.arraycopy(prefix, 0, piece, 0, prefix.length);
                            first = false;
                        }
                        if (left <= buffer.length) {
                            piece = piece == buffer ? buffer.clone() : piece;
                            System.arraycopy(suffix, 0, piece, Math.max(0, length - suffix.length), Math.min(length, suffix.length));
                        }
                        if (chunked) {
                            output.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        }
                        output.write(piece, 0, length);
                        if (chunked) {
                            output.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                        left -= length;
                        sent.addAndGet(length);
                    }
                    if (chunked) {
                        output.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    output.flush();
                } catch (IOException e) {
                    writerEnd[0] = "was cut off (" + e.getClass().getSimpleName() + ")";
                } finally {
                    writerEnded.set(System.nanoTime());
                }
            });
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                while (true) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    received.write(buffer, 0, n);
                    WireClient.Parsed parsed = WireClient.parse(received.toByteArray(), List.of(method), false);
                    if (!parsed.answers().isEmpty() && answeredAt < 0) {
                        answeredAt = System.nanoTime();
                        sentWhenAnswered = sent.get();
                        Exchange.Answer first = parsed.answers().getFirst();
                        String body = Printable.escape(first.bodyText());
                        answer = first.status() + " " + (body.length() > 160 ? body.substring(0, 160) + "..." : body);
                    }
                    if (parsed.complete() && !parsed.answers().isEmpty()) {
                        break;
                    }
                }
            } catch (IOException e) {
                if (answeredAt < 0) {
                    answer = "no answer: " + e.getClass().getSimpleName();
                }
            }
            if (answeredAt < 0) {
                answeredAt = System.nanoTime();
                sentWhenAnswered = sent.get();
            }
            // Let the writer finish or fail, so that what the server did with the rest of the body is seen.
            writer.join(limit.toMillis());
            if (writer.isAlive()) {
                writerEnd[0] = "gave up, still sending,";
                writerEnded.set(System.nanoTime());
            }
        } catch (IOException e) {
            answer = "could not connect: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            heap.close();
        }
        out.printf(Locale.ROOT, "  %-13s %-14s -> %s%n", what, chunked ? "chunked" : "Content-Length", answer);
        out.printf(Locale.ROOT, "  %-13s %-14s    answered after %.2f s with %s of the body sent; the client %s after %.2f s, %s sent%n",
                "", "", (answeredAt - started) / 1e9, HeapWatch.megabytes(sentWhenAnswered), writerEnd[0],
                (writerEnded.get() - started) / 1e9, HeapWatch.megabytes(sent.get()));
        out.printf(Locale.ROOT, "  %-13s %-14s    heap live %s before, highest %s (%s), %s after; used peak incl. garbage %s (%s)%n",
                "", "", HeapWatch.megabytes(heap.liveBefore()), HeapWatch.megabytes(heap.liveMax()),
                signed(heap.liveMax() - heap.liveBefore()), HeapWatch.megabytes(heap.liveAfter()), HeapWatch.megabytes(heap.usedMax()),
                signed(heap.usedMax() - heap.liveBefore()));
        out.flush();
    }

    private static String signed(long bytes) {
        return (bytes >= 0 ? "+" : "-") + HeapWatch.megabytes(Math.abs(bytes));
    }

    static SSLSocket connect(SSLContext tls, int port, Duration timeout) throws IOException {
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout((int) timeout.toMillis());
        socket.startHandshake();
        return socket;
    }
}
