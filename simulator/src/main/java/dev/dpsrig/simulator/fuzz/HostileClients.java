package dev.dpsrig.simulator.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Two measurements of how an in-process simulator bears clients that mean harm, printed, never
 * asserted (the machines they run on are noisy):
 *
 * <ul>
 * <li>big bodies: an unauthenticated request with a huge body (streamed, never held by the client) to
 * DPS register and to the hub's telemetry endpoint, declared by {@code Content-Length} and chunked; the
 * answer, how long it took, how much had been sent by then, and how much the server's heap grew;</li>
 * <li>slow clients: connections that never finish (no TLS handshake, no request, half a head, a head or
 * a body trickled a byte at a time, an idle keep-alive) on the DPS and hub ports; how long until the
 * server cut each off.</li>
 * </ul>
 */
public final class HostileClients {
    private static final int BUFFER = 64 * 1024;

    private HostileClients() {
    }

    /** Starts a simulator in {@code dataDirectory} (a temporary one when empty) and runs both measurements. */
    public static void run(Optional<Path> dataDirectory, long bodyBytes, Duration interval, Duration limit, boolean bigBodies,
                           boolean slowClients, PrintWriter out) {
        out.printf(Locale.ROOT, "hostile clients: %d cores, Java %s, max heap %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.version(), HeapWatch.megabytes(HeapWatch.maxHeap()));
        out.flush();
        try (ServerLog log = ServerLog.capture(); Fixture fixture = Fixture.start(dataDirectory)) {
            if (bigBodies) {
                bigBodies(fixture, bodyBytes, limit, out);
            }
            if (slowClients) {
                slowClients(fixture, interval, limit, out);
            }
            ServerLog.Summary summary = log.summary();
            out.printf(Locale.ROOT, "server log meanwhile: %d records (%d errors), %d stack frames%n", summary.records(), summary.errors(),
                    summary.stackFrames());
            summary.firstMessages().forEach((message, count) -> out.printf(Locale.ROOT, "  %5dx %s%n", count, Printable.escape(message)));
            out.flush();
        }
    }

    // ---- big bodies ------------------------------------------------------------------------------

    private static void bigBodies(Fixture fixture, long bodyBytes, Duration limit, PrintWriter out) {
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

    private static SSLSocket connect(SSLContext tls, int port, Duration timeout) throws IOException {
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout((int) timeout.toMillis());
        socket.startHandshake();
        return socket;
    }

    // ---- slow clients ----------------------------------------------------------------------------

    private enum Slow {
        NO_HANDSHAKE("TCP connected, no TLS handshake"),
        IDLE_AFTER_HANDSHAKE("TLS up, no request"),
        HALF_HEAD("half a request head, then nothing"),
        TRICKLED_HEAD("head trickled, a byte per interval"),
        /** A body small enough for every API's limit, so that only a deadline can end it. */
        TRICKLED_BODY("4 KB body trickled, a byte per interval"),
        IDLE_KEEP_ALIVE("idle keep-alive after one answer");

        final String label;

        Slow(String label) {
            this.label = label;
        }
    }

    private record SlowResult(Slow scenario, String port, String outcome) {
    }

    private static void slowClients(Fixture fixture, Duration interval, Duration limit, PrintWriter out) {
        out.printf(Locale.ROOT, "slow clients: a byte every %.1f s where trickled; given up after %d s; all at once%n",
                interval.toMillis() / 1000.0, limit.toSeconds());
        out.flush();
        List<Future<SlowResult>> running = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (boolean hub : List.of(false, true)) {
                for (Slow scenario : Slow.values()) {
                    running.add(threads.submit(() -> slow(fixture, scenario, hub, interval, limit)));
                }
            }
        }
        for (Future<SlowResult> result : running) {
            try {
                SlowResult r = result.get();
                out.printf(Locale.ROOT, "  %-4s %-40s %s%n", r.port(), r.scenario().label, r.outcome());
            } catch (Exception e) {
                out.println("  failed: " + e);
            }
        }
        out.flush();
    }

    private static SlowResult slow(Fixture fixture, Slow scenario, boolean hub, Duration interval, Duration limit) {
        int port = hub ? fixture.hubPort : fixture.dpsPort;
        String authority = hub ? fixture.hubAuthority : fixture.dpsAuthority;
        String target = hub ? "/devices/fz-sym/messages/events?api-version=" + Operations.HUB_API
                : "/" + fixture.idScope + "/registrations/fz-slow/register?api-version=" + Operations.DPS_API;
        String method = hub ? "POST" : "PUT";
        String portName = hub ? "hub" : "DPS";
        long started = System.nanoTime();
        AtomicBoolean closed = new AtomicBoolean();
        AtomicLong trickled = new AtomicLong();
        try (Socket socket = scenario == Slow.NO_HANDSHAKE ? plain(port)
                : connect(fixture.identities.get(Fixture.ANONYMOUS), port, limit.plusSeconds(5))) {
            started = System.nanoTime();
            OutputStream output = socket.getOutputStream();
            String answeredFirst = "";
            switch (scenario) {
                case NO_HANDSHAKE, IDLE_AFTER_HANDSHAKE -> {
                }
                case HALF_HEAD -> output.write((method + " " + target + " HTTP/1.1\r\nHost: " + authority + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                case TRICKLED_HEAD -> {
                    output.write((method + " " + target + " HTTP/1.1\r\nHost: " + authority + "\r\nX-Slow: ")
                            .getBytes(StandardCharsets.US_ASCII));
                    trickle(output, interval, closed, trickled);
                }
                case TRICKLED_BODY -> {
                    output.write((method + " " + target + " HTTP/1.1\r\nHost: " + authority + "\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 4096\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                    trickle(output, interval, closed, trickled);
                }
                case IDLE_KEEP_ALIVE -> {
                    output.write(("GET " + (hub ? "/devices/fz-sym/messages/deviceBound" : "/" + fixture.idScope
                            + "/registrations/fz-slow/operations/x") + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                }
            }
            output.flush();
            socket.setSoTimeout((int) limit.toMillis());
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            long answeredAt = -1;
            String ending;
            try {
                while (true) {
                    long left = limit.toNanos() - (System.nanoTime() - started);
                    if (left <= 0) {
                        throw new java.net.SocketTimeoutException();
                    }
                    socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
                    int n = in.read(buffer);
                    if (n < 0) {
                        ending = "closed";
                        break;
                    }
                    received.write(buffer, 0, n);
                    if (answeredAt < 0 && received.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                        answeredAt = System.nanoTime();
                        answeredFirst = received.toString(StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
                    }
                }
            } catch (java.net.SocketTimeoutException e) {
                closed.set(true);
                return new SlowResult(scenario, portName, String.format(Locale.ROOT, "still open after %d s%s%s", limit.toSeconds(),
                        trickled.get() > 0 ? " (" + trickled.get() + " bytes trickled)" : "",
                        answeredFirst.isEmpty() ? "" : "; answered '" + answeredFirst + "' at "
                                + String.format(Locale.ROOT, "%.1f s", (answeredAt - started) / 1e9)));
            } catch (IOException e) {
                ending = "reset (" + e.getClass().getSimpleName() + ")";
            }
            closed.set(true);
            double seconds = (System.nanoTime() - started) / 1e9;
            String idle = scenario == Slow.IDLE_KEEP_ALIVE && answeredAt > 0
                    ? String.format(Locale.ROOT, " (%.1f s after its answer)", (System.nanoTime() - answeredAt) / 1e9) : "";
            return new SlowResult(scenario, portName, String.format(Locale.ROOT, "cut off after %.1f s%s: %s%s%s", seconds, idle, ending,
                    answeredFirst.isEmpty() || scenario == Slow.IDLE_KEEP_ALIVE ? "" : ", answering '" + answeredFirst + "' first",
                    trickled.get() > 0 ? " (" + trickled.get() + " bytes trickled)" : ""));
        } catch (IOException e) {
            closed.set(true);
            return new SlowResult(scenario, portName, String.format(Locale.ROOT, "failed after %.1f s: %s",
                    (System.nanoTime() - started) / 1e9, e));
        }
    }

    private static Socket plain(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        return socket;
    }

    /** Writes one byte per interval on its own thread until the connection is closed or given up. */
    private static void trickle(OutputStream output, Duration interval, AtomicBoolean closed, AtomicLong trickled) {
        Thread.ofVirtual().start(() -> {
            try {
                while (!closed.get()) {
                    Thread.sleep(interval);
                    output.write('a');
                    output.flush();
                    trickled.incrementAndGet();
                }
            } catch (IOException | InterruptedException ignored) {
                // the reader reports how the connection ended
            }
        });
    }
}
