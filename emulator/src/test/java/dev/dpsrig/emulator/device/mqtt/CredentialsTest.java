package dev.dpsrig.emulator.device.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A CONNECT's credentials print without the password, a SAS token that would let anyone connect as the device. */
class CredentialsTest {

    @Test
    void thePasswordNeverPrints() {
        String token = "SharedAccessSignature sr=hub%2Fdevices%2Fd1&sig=c2VjcmV0&se=1";
        MqttConnection.Credentials credentials = new MqttConnection.Credentials("d1", "hub/d1/?api-version=2021-04-12", Optional.of(token));

        assertThat(credentials.toString()).contains("d1", "hub/d1/?api-version=2021-04-12", "(hidden)").doesNotContain("sig=", "c2VjcmV0");
        assertThat(new MqttConnection.Credentials("d1", "u", Optional.empty()).toString()).contains("(none)");
    }
}
