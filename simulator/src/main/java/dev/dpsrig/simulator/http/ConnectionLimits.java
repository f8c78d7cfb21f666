package dev.dpsrig.simulator.http;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How long a connection may keep the simulator waiting on its client, and how many connections one
 * client address may hold. Every listener (the DPS and each hub) applies them.
 *
 * <ul>
 *   <li>{@code handshakeTimeout}: from accepting the connection to the end of the TLS handshake.</li>
 *   <li>{@code headTimeout}: from the first byte of a request to the end of its head (request line and headers), in total,
 *       however the bytes trickle in.</li>
 *   <li>{@code bodyTimeout}: from the server's first read of a request body to its last byte, in total. Time the server
 *       spends on its own work (an injected delay, a webhook) is not the client's and does not end the connection.</li>
 *   <li>{@code idleTimeout}: how long a kept-alive connection may sit between requests.</li>
 *   <li>{@code maxConnectionsPerAddress}: open connections per client address across all listeners; 0 for no cap.
 *       Loopback addresses are exempt unless {@code capLoopback}: a fleet run on this machine opens thousands.</li>
 * </ul>
 *
 * <p>The defaults: a handshake or a request head in 20 s, a body in 60 s, 240 s idle, 2000 connections per address.
 * Azure's front ends drop a connection idle for 4 minutes (Azure Load Balancer's default idle timeout; IoT Hub's AMQP
 * "inactive for more than the allowed 240000 milliseconds"), and clients' connection pools are tuned to that, so a
 * shorter idle timeout here would fail requests on pooled connections that Azure keeps. 20 s is Apache httpd's
 * request-head default (mod_reqtimeout {@code header=20}) and many times what a handshake or a head of a few kilobytes
 * takes on a cellular link; 60 s lets a 256 KB message (IoT Hub's largest) arrive at 5 kB/s.
 */
public record ConnectionLimits(Duration handshakeTimeout, Duration headTimeout, Duration bodyTimeout, Duration idleTimeout,
                               int maxConnectionsPerAddress, boolean capLoopback) {
    public static final int DEFAULT_HANDSHAKE_SECONDS = 20;
    public static final int DEFAULT_HEAD_SECONDS = 20;
    public static final int DEFAULT_BODY_SECONDS = 60;
    public static final int DEFAULT_IDLE_SECONDS = 240;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 2000;
    public static final ConnectionLimits DEFAULTS = new ConnectionLimits(Duration.ofSeconds(DEFAULT_HANDSHAKE_SECONDS),
            Duration.ofSeconds(DEFAULT_HEAD_SECONDS), Duration.ofSeconds(DEFAULT_BODY_SECONDS), Duration.ofSeconds(DEFAULT_IDLE_SECONDS),
            DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, false);

    public ConnectionLimits {
        positive(handshakeTimeout, "handshake timeout");
        positive(headTimeout, "request head timeout");
        positive(bodyTimeout, "body timeout");
        positive(idleTimeout, "idle timeout");
        if (maxConnectionsPerAddress < 0) {
            throw new IllegalArgumentException("the connection cap per address must be 0 (none) or more, not " + maxConnectionsPerAddress);
        }
    }

    private static void positive(Duration timeout, String what) {
        Objects.requireNonNull(timeout, what);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the " + what + " must be positive, not " + timeout);
        }
    }

    public ConnectionLimits withHandshakeTimeout(Duration timeout) {
        return new ConnectionLimits(timeout, headTimeout, bodyTimeout, idleTimeout, maxConnectionsPerAddress, capLoopback);
    }

    public ConnectionLimits withHeadTimeout(Duration timeout) {
        return new ConnectionLimits(handshakeTimeout, timeout, bodyTimeout, idleTimeout, maxConnectionsPerAddress, capLoopback);
    }

    public ConnectionLimits withBodyTimeout(Duration timeout) {
        return new ConnectionLimits(handshakeTimeout, headTimeout, timeout, idleTimeout, maxConnectionsPerAddress, capLoopback);
    }

    public ConnectionLimits withIdleTimeout(Duration timeout) {
        return new ConnectionLimits(handshakeTimeout, headTimeout, bodyTimeout, timeout, maxConnectionsPerAddress, capLoopback);
    }

    /** At most {@code max} open connections per client address (0: no cap), loopback addresses included or not. */
    public ConnectionLimits withMaxConnectionsPerAddress(int max, boolean includingLoopback) {
        return new ConnectionLimits(handshakeTimeout, headTimeout, bodyTimeout, idleTimeout, max, includingLoopback);
    }

    /** Whether connections from {@code client} count against the cap. */
    boolean caps(InetAddress client) {
        return maxConnectionsPerAddress > 0 && (capLoopback || !client.isLoopbackAddress());
    }
}
