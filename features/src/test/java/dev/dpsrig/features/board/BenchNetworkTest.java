package dev.dpsrig.features.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BenchNetworkTest {

    private static Properties properties(String... keysAndValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }

    @Test
    void withoutAHostTheSimulatorStaysOnLoopback() {
        assertThat(BenchNetwork.from(properties(BenchNetwork.PORT_PROPERTY, "9443"))).isEmpty();
    }

    @Test
    void aHostAloneTakesTheDefaults() {
        assertThat(BenchNetwork.from(properties(BenchNetwork.HOST_PROPERTY, "192.0.2.10"))).contains(
                new BenchNetwork("192.0.2.10", "192.0.2.10", 8443, BenchNetwork.DEFAULT_TLS_DIRECTORY.toAbsolutePath()));
    }

    @Test
    void everySettingIsTaken() {
        assertThat(BenchNetwork.from(properties(BenchNetwork.HOST_PROPERTY, "0.0.0.0", BenchNetwork.NAME_PROPERTY, "rig.bench.lan",
                BenchNetwork.PORT_PROPERTY, "9443", BenchNetwork.TLS_PROPERTY, "/srv/bench-ca")))
                .contains(new BenchNetwork("0.0.0.0", "rig.bench.lan", 9443, Path.of("/srv/bench-ca")));
    }

    @Test
    void aPortOutOfRangeIsNamed() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BenchNetwork.from(properties(BenchNetwork.HOST_PROPERTY, "h", BenchNetwork.PORT_PROPERTY, "65535")))
                .withMessageContaining("1 to 65534");
    }
}
