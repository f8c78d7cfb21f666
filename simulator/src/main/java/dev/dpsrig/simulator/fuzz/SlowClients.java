package dev.dpsrig.simulator.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Connections that never finish (no TLS handshake, no request, half a head, a head or a body trickled
 * a byte at a time, an idle keep-alive) on the DPS and hub ports: how long until the server cut each off.
 */
final class SlowClients {
    private SlowClients() {
    }

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

    static void run(Fixture fixture, Duration interval, Duration limit, PrintWriter out) {
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
                : BigBodies.connect(fixture.identities.get(Fixture.ANONYMOUS), port, limit.plusSeconds(5))) {
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
