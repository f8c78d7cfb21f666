package dev.dpsrig.simulator.http;

import io.helidon.webserver.http.RoutingRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cap on connections per client address: the open connections of each capped address, counted as they are
 * accepted across all listeners, and those accepted over the cap, which are served one 503 and closed. Past
 * {@link ConnectionGuard#ANSWERED_BEYOND_CAP} more than the cap, a connection is closed as soon as it is accepted.
 */
final class ConnectionCap {
    private final ConnectionLimits limits;
    private final HostReports reports;
    private final Map<InetAddress, Set<SocketChannel>> byAddress = new ConcurrentHashMap<>();
    private final Map<Peer, SocketChannel> overCap = new ConcurrentHashMap<>();

    ConnectionCap(ConnectionLimits limits, HostReports reports) {
        this.limits = limits;
        this.reports = reports;
    }

    private record Peer(SocketAddress remote, SocketAddress local) {
    }

    /** Counts a connection the web server accepted; throws when it is to be closed unanswered. */
    void accepted(SocketChannel channel) {
        InetSocketAddress remote;
        SocketAddress local;
        try {
            remote = (InetSocketAddress) channel.getRemoteAddress();
            local = channel.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException("the accepted connection is gone already", e);
        }
        if (remote == null || !limits.caps(remote.getAddress())) {
            return;
        }
        int max = limits.maxConnectionsPerAddress();
        int[] open = new int[1];
        byAddress.compute(remote.getAddress(), (address, channels) -> {
            Set<SocketChannel> current = channels != null ? channels : new HashSet<>();
            if (current.size() >= max) {
                current.removeIf(other -> !other.isOpen());
            }
            open[0] = current.size();
            if (open[0] < max + ConnectionGuard.ANSWERED_BEYOND_CAP) {
                current.add(channel);
            }
            return current;
        });
        if (open[0] < max) {
            return;
        }
        String host = remote.getAddress().getHostAddress();
        reports.report(host, "refused a connection from " + host + ": it has " + open[0] + " open, the limit is " + max
                + " per client address (ConnectionLimits.maxConnectionsPerAddress; dpsrig serve --max-connections-per-address)");
        if (open[0] >= max + ConnectionGuard.ANSWERED_BEYOND_CAP) {
            // The web server closes a connection whose socket options cannot be applied, before any handshake.
            throw new IllegalStateException("over the connection cap of " + host + ", closed unanswered");
        }
        overCap.put(new Peer(remote, local), channel);
    }

    /** What the 503 says when the request came on a connection over the cap; empty for any other. */
    Optional<String> overCapMessage(RoutingRequest request) {
        return overCapMessage(request.remotePeer().address(), request.localPeer().address());
    }

    /** What a connection between these addresses is told when it is over its client address's cap; empty for any other. */
    Optional<String> overCapMessage(SocketAddress remote, SocketAddress local) {
        if (overCap.isEmpty() || !overCap.containsKey(new Peer(remote, local))) {
            return Optional.empty();
        }
        String host = remote instanceof InetSocketAddress address ? address.getAddress().getHostAddress() : remote.toString();
        return Optional.of("too many connections from " + host + ": the simulator takes " + limits.maxConnectionsPerAddress()
                + " per client address; close some, or retry after " + ConnectionGuard.RETRY_AFTER_SECONDS
                + " s (dpsrig serve --max-connections-per-address)");
    }

    /** Stops counting the connections that are closed. */
    void forgetClosed() {
        for (InetAddress address : byAddress.keySet()) {
            byAddress.computeIfPresent(address, (key, channels) -> {
                channels.removeIf(channel -> !channel.isOpen());
                return channels.isEmpty() ? null : channels;
            });
        }
        overCap.values().removeIf(channel -> !channel.isOpen());
    }
}
