package dev.dpsrig.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The host ports a container is given are distinct and free to bind. */
class HostPortsTest {

    @Test
    void portsAreDistinctAndFree() throws Exception {
        List<Integer> ports = HostPorts.free(4);

        assertThat(ports).hasSize(4).doesNotHaveDuplicates().allSatisfy(port -> assertThat(port).isBetween(1, 65535));
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket(port)) {
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void aRunIsConsecutiveAndFree() throws Exception {
        List<Integer> run = HostPorts.freeRun(3);

        assertThat(run).hasSize(3);
        assertThat(run.get(1)).isEqualTo(run.get(0) + 1);
        assertThat(run.get(2)).isEqualTo(run.get(0) + 2);
        for (int port : run) {
            try (ServerSocket socket = new ServerSocket(port)) {
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }
}
