package dev.dpsrig.simulator.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MqttConnectTest {
    private static final String SAS = "SharedAccessSignature sr=hub%2Fdevices%2Fd1&sig=c2VjcmV0&se=1";

    @Test
    void itsTextNeverShowsThePassword() {
        MqttConnect connect = new MqttConnect("d1", Optional.of("hub/d1/?api-version=2021-04-12"), Optional.of(SAS),
                Duration.ofSeconds(60), true, List.of());

        assertThat(connect.toString()).doesNotContain("sig=").doesNotContain(SAS)
                .contains("clientId=d1", "username=Optional[hub/d1/?api-version=2021-04-12]", "password=Optional[(hidden)]",
                        "keepAlive=PT1M", "cleanSession=true", "clientChain=0 certificate(s)");
        assertThat(new MqttConnect("d1", Optional.empty(), Optional.empty(), Duration.ZERO, false, List.of()).toString())
                .contains("password=Optional.empty");
    }
}
