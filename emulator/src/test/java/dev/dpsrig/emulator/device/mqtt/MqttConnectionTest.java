package dev.dpsrig.emulator.device.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A device's MQTT connection against a real TLS server: keep-alive pings, answered and not. */
class MqttConnectionTest {
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(2);
    private static final MqttConnection.Credentials CREDENTIALS = new MqttConnection.Credentials("d1", "hub/d1", Optional.empty());

    @Test
    void aServerThatAnswersPingsKeepsTheConnection() throws Exception {
        Ending ending = new Ending();
        try (ScriptedMqttServer server = new ScriptedMqttServer();
             MqttConnection connection = MqttConnection.open(server.endpoint(), Optional.empty(), CREDENTIALS, Duration.ofSeconds(10),
                     ending, KEEP_ALIVE)) {
            Thread.sleep(KEEP_ALIVE.multipliedBy(2).toMillis());

            assertThat(connection.isOpen()).isTrue();
            assertThat(ending.why).isNotDone();
        }
    }

    @Test
    void aServerSilentForOneAndAHalfKeepAlivesAfterAPingreqEndsTheConnection() throws Exception {
        Ending ending = new Ending();
        try (ScriptedMqttServer server = new ScriptedMqttServer()) {
            server.ignorePings();
            try (MqttConnection connection = MqttConnection.open(server.endpoint(), Optional.empty(), CREDENTIALS, Duration.ofSeconds(10),
                    ending, KEEP_ALIVE)) {
                IOException why = ending.why.get(10, TimeUnit.SECONDS);

                assertThat(why).hasMessageContaining("nothing came within 3000 ms of a PINGREQ");
                assertThat(connection.isOpen()).isFalse();
            }
        }
    }

    /** Hears why the connection ended. */
    private static final class Ending implements MqttConnection.Listener {
        final CompletableFuture<IOException> why = new CompletableFuture<>();

        @Override
        public void message(MqttConnection connection, MqttPacket.Publish message) {
        }

        @Override
        public void closed(IOException reason) {
            why.complete(reason);
        }
    }
}
