package dev.dpsrig.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The serve command line a container runs, and the ports it forwards, without a container runtime. */
class ServeArgumentsTest {

    @Test
    void theContainerListensOnTheHostsPortNumbersAndAdvertisesTheDockerHost() {
        ServeArguments serve = new ServeArguments("localhost", 41000, 52000,
                List.of(new ServeArguments.HubPort("dpsrig-hub", 41001), new ServeArguments.HubPort("hub-2", 41007)), "0ne00000001", "/data");

        assertThat(serve.command()).containsExactly("serve", "--layout", "ports", "--host", "0.0.0.0", "--port", "41000",
                "--mqtt-port", "52000", "--advertised-host", "localhost", "--id-scope", "0ne00000001", "--data-dir", "/data", "--in-memory",
                "--hub", "dpsrig-hub:41001", "--hub", "hub-2:41007");
        assertThat(serve.ports()).containsExactly(41000, 41001, 41007, 52000, 52001, 52002);
    }

    @Test
    void aContainerWithoutAHubIsRefused() {
        assertThatThrownBy(() -> new ServeArguments("localhost", 41000, 52000, List.of(), "0ne00000001", "/data"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the dpsrig container needs at least one hub");
    }
}
