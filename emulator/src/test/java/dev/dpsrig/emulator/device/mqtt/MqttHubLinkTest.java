package dev.dpsrig.emulator.device.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.emulator.device.DeviceAttestation;
import dev.dpsrig.emulator.device.HubLink;
import dev.dpsrig.emulator.device.Telemetry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A device's hub link over MQTT against a real TLS server: token renewal and a dropped connection. */
class MqttHubLinkTest {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void aTokenRenewalWaitsForAPublishInFlightAndHappensOnTheNextUse() throws Exception {
        SettableClock clock = new SettableClock();
        try (ScriptedMqttServer server = new ScriptedMqttServer(); MqttHubLink link = link(server, clock)) {
            server.holdPubacks();
            CompletableFuture<HubLink.Delivery> inFlight = CompletableFuture.supplyAsync(() -> send(link));
            assertThat(server.nextPublished()).startsWith("devices/sensor-1/messages/events/");

            clock.advance(MqttEndpoints.TOKEN_LIFETIME.minusMinutes(1));
            link.receive(TIMEOUT);
            server.releasePubacks();

            assertThat(inFlight.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(HubLink.Delivery.ACCEPTED);
            assertThat(server.connectionCount()).isOne();
            assertThat(send(link)).isEqualTo(HubLink.Delivery.ACCEPTED);
            assertThat(server.connectionCount()).isEqualTo(2);
        }
    }

    @Test
    void aMessageReceivedOnAConnectionThatDroppedIsNotHandedOut() throws Exception {
        try (ScriptedMqttServer server = new ScriptedMqttServer(); MqttHubLink link = link(server, new SettableClock())) {
            assertThat(link.receive(TIMEOUT)).isEmpty();
            server.push("devices/sensor-1/messages/devicebound/%24.mid=m1", 7, "hello".getBytes(StandardCharsets.UTF_8));
            Thread.sleep(300);
            server.dropConnections();
            Thread.sleep(300);

            assertThat(link.receive(TIMEOUT)).isEmpty();
            assertThat(server.connectionCount()).isEqualTo(2);
        }
    }

    private static MqttHubLink link(ScriptedMqttServer server, Clock clock) {
        return new MqttHubLink(server.endpoint(), "localhost", "sensor-1", DeviceAttestation.SymmetricKey.individual("sensor-1", KEY),
                MqttEndpoints.TOKEN_LIFETIME, clock);
    }

    private static HubLink.Delivery send(MqttHubLink link) {
        try {
            return link.send(Telemetry.text("21.5"), TIMEOUT);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The time as the test sets it. */
    private static final class SettableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
