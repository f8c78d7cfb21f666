package dev.dpsrig.testcontainers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Ports free on this machine, chosen before a container is created so it can listen on the same numbers. */
final class HostPorts {
    private HostPorts() {
    }

    /**
     * {@code count} distinct ports that were free a moment ago: each is held open until all are chosen, so none is
     * handed out twice. Another process may still take one before the container binds it; starting again then helps.
     */
    static List<Integer> free(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                socket.setReuseAddress(true);
                held.add(socket);
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port for the dpsrig container: " + e.getMessage(), e);
        } finally {
            held.forEach(HostPorts::close);
        }
    }

    /**
     * {@code count} consecutive ports that were free a moment ago, as {@code serve --mqtt-port} takes them (the DPS's,
     * then one per hub), found by trying runs at random places in the unprivileged range.
     */
    static List<Integer> freeRun(int count) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(20_000, 60_000);
            List<ServerSocket> held = new ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    held.add(new ServerSocket(first + i));
                }
                return held.stream().map(ServerSocket::getLocalPort).toList();
            } catch (IOException taken) {
                // one of the run is taken: try another place
            } finally {
                held.forEach(HostPorts::close);
            }
        }
        throw new IllegalStateException("cannot find " + count + " consecutive free ports for the dpsrig container's MQTT listeners");
    }

    private static void close(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
