package dev.dpsrig.simulator.fuzz;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Two measurements of how an in-process simulator bears clients that mean harm, printed, never
 * asserted (the machines they run on are noisy):
 *
 * <ul>
 * <li>big bodies ({@link BigBodies}): an unauthenticated request with a huge body (streamed, never held by the client) to
 * DPS register and to the hub's telemetry endpoint, declared by {@code Content-Length} and chunked; the
 * answer, how long it took, how much had been sent by then, and how much the server's heap grew;</li>
 * <li>slow clients ({@link SlowClients}): connections that never finish (no TLS handshake, no request, half a head, a head or
 * a body trickled a byte at a time, an idle keep-alive) on the DPS and hub ports; how long until the
 * server cut each off.</li>
 * </ul>
 */
public final class HostileClients {
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
                BigBodies.run(fixture, bodyBytes, limit, out);
            }
            if (slowClients) {
                SlowClients.run(fixture, interval, limit, out);
            }
            ServerLog.Summary summary = log.summary();
            out.printf(Locale.ROOT, "server log meanwhile: %d records (%d errors), %d stack frames%n", summary.records(), summary.errors(),
                    summary.stackFrames());
            summary.firstMessages().forEach((message, count) -> out.printf(Locale.ROOT, "  %5dx %s%n", count, Printable.escape(message)));
            out.flush();
        }
    }
}
