package dev.dpsrig.simulator.server;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Where each of the simulator's listeners binds, checked before the web server starts: that its port is free, and
 * whether it gets an IPv6 loopback twin. {@link LocalSimulator} and {@link ServerSockets} ask before they listen.
 */
final class ListenerPorts {
    private static final Logger LOG = System.getLogger(LocalSimulator.class.getName());
    static final String IPV6_LOOPBACK = "::1";

    private ListenerPorts() {
    }

    /**
     * The port to listen on at {@code [::1]} as well. A listener bound to 127.0.0.1, the address {@code localhost}
     * names, on a fixed port, also answers on IPv6 loopback, which {@code localhost} names too (and the server
     * certificate): clients that try {@code ::1} first then find the simulator there rather than a refusal. In the
     * SDK-compatible layout that is the DPS alone; hubs sit on 127.0.0.2 and after, which have no IPv6 counterpart,
     * and are advertised by those addresses. Without IPv6 loopback on this machine, nothing; with the port taken at
     * {@code [::1]}, a warning and IPv4 alone. A port picked at start (0, as tests use) is only known once bound, so
     * it is not paired.
     */
    static OptionalInt ipv6Loopback(EndpointLayout.Listener listener, String what) {
        if (listener.port() == 0) {
            return OptionalInt.empty();
        }
        try {
            if (!InetAddress.getByName(listener.bindAddress()).equals(InetAddress.getByName("127.0.0.1"))) {
                return OptionalInt.empty();
            }
        } catch (UnknownHostException e) {
            return OptionalInt.empty();
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(IPV6_LOOPBACK, listener.port()));
            return OptionalInt.of(listener.port());
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("already in use")) {
                LOG.log(Level.WARNING, "[::1]:" + listener.port() + " is taken by another process; the " + what
                        + " listens on 127.0.0.1:" + listener.port() + " only");
            }
            // Otherwise this machine has no IPv6 loopback ("cannot assign requested address", "protocol family unavailable").
            return OptionalInt.empty();
        }
    }

    /**
     * Helidon reports a listener that cannot bind in its log and starts anyway; checking first
     * turns the common case, a port already taken, into one clear message.
     */
    static void checkPortFree(EndpointLayout.Listener listener, String what) {
        if (listener.port() == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(listener.bindAddress(), listener.port()));
        } catch (IOException e) {
            throw new ListenException(describe(listener), what, e);
        }
    }

    static String describe(EndpointLayout.Listener listener) {
        return listener.bindAddress() + ":" + listener.port();
    }
}
