package dev.dpsrig.app.cli.serve;

import dev.dpsrig.simulator.http.ConnectionLimits;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * What {@code dpsrig serve} holds each connection to: how long the TLS handshake, a request's head and its body may
 * take, how long a kept-alive connection may idle, and how many connections one client address may hold. They are
 * the simulator's defences against slow and greedy clients, read and checked together as {@link ConnectionLimits},
 * so they live apart from the options that say what is served.
 */
final class ConnectionLimitOptions {
    @Option(names = "--handshake-timeout", paramLabel = "SECONDS", defaultValue = "" + ConnectionLimits.DEFAULT_HANDSHAKE_SECONDS,
            description = "A connection whose TLS handshake is not done this long after it was accepted is closed"
                    + " (default: ${DEFAULT-VALUE} s).")
    private long handshakeTimeoutSeconds;

    @Option(names = "--head-timeout", paramLabel = "SECONDS", defaultValue = "" + ConnectionLimits.DEFAULT_HEAD_SECONDS,
            description = "A request's line and headers must all arrive within this long of its first byte, however they trickle;"
                    + " otherwise the connection is closed unanswered (default: ${DEFAULT-VALUE} s).")
    private long headTimeoutSeconds;

    @Option(names = "--body-timeout", paramLabel = "SECONDS", defaultValue = "" + ConnectionLimits.DEFAULT_BODY_SECONDS,
            description = "A request body must all arrive within this long of the server starting to read it, or the connection"
                    + " is closed (default: ${DEFAULT-VALUE} s: a 256 KB message at 5 kB/s).")
    private long bodyTimeoutSeconds;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "" + ConnectionLimits.DEFAULT_IDLE_SECONDS,
            description = "A kept-alive connection idle this long between requests is closed (default: ${DEFAULT-VALUE} s, the"
                    + " 4 minutes after which Azure's front ends drop an idle connection).")
    private long idleTimeoutSeconds;

    @Option(names = "--max-connections-per-address", paramLabel = "N",
            defaultValue = "" + ConnectionLimits.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
            description = "Open connections one client address may hold, across DPS and hubs; 0 for no cap. Over it a connection"
                    + " is answered 503 with Retry-After in the endpoint's error format and closed; 100 beyond it, closed at once."
                    + " Loopback clients are not capped unless --cap-loopback (default: ${DEFAULT-VALUE}).")
    private int maxConnectionsPerAddress;

    @Option(names = "--cap-loopback", description = "Apply --max-connections-per-address to clients on this machine too (a fleet"
            + " run here opens a connection per device in flight, so they are exempt by default).")
    private boolean capLoopback;

    /**
     * The limits the options give.
     *
     * @throws IllegalArgumentException naming the option, when a timeout is under a second
     */
    ConnectionLimits limits() {
        return new ConnectionLimits(seconds(handshakeTimeoutSeconds, "--handshake-timeout"), seconds(headTimeoutSeconds, "--head-timeout"),
                seconds(bodyTimeoutSeconds, "--body-timeout"), seconds(idleTimeoutSeconds, "--idle-timeout"), maxConnectionsPerAddress,
                capLoopback);
    }

    private static Duration seconds(long seconds, String option) {
        if (seconds < 1) {
            throw new IllegalArgumentException(option + " must be at least 1 second, not " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }
}
