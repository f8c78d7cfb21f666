package dev.dpsrig.emulator.device.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.emulator.client.MqttSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where a device finds MQTT: the endpoints dev-settings.json names, else Azure's ports on the host it was given. */
class MqttEndpointsTest {

    @Test
    void anEndpointIsHostAndPortWithAzuresPortWhenNoneIsGiven() {
        assertThat(MqttEndpoint.tls("localhost:1234", List.of())).extracting(MqttEndpoint::host, MqttEndpoint::port)
                .containsExactly("localhost", 1234);
        assertThat(MqttEndpoint.tls("my-hub.azure-devices.net", List.of()).port()).isEqualTo(8883);
        assertThat(MqttEndpoint.tls("[::1]:8884", List.of())).satisfies(ipv6 -> {
            assertThat(ipv6.host()).isEqualTo("::1");
            assertThat(ipv6.address()).isEqualTo("[::1]:8884");
        });
        assertThat(MqttEndpoint.webSocket("wss://localhost:4443/$iothub/websocket", List.of()).port()).isEqualTo(4443);
        assertThat(MqttEndpoint.webSocket("wss://[::1]:4443/$iothub/websocket", List.of())).satisfies(ipv6 -> {
            assertThat(ipv6.host()).isEqualTo("::1");
            assertThat(ipv6.webSocketUri()).hasToString("wss://[::1]:4443/$iothub/websocket");
        });
        assertThat(MqttEndpoint.webSocket("my-hub.azure-devices.net", List.of()).webSocketUri())
                .hasToString("wss://my-hub.azure-devices.net:443/$iothub/websocket");
    }

    @Test
    void anEndpointThatIsNotHostAndPortIsRefusedSayingWhatItShouldBe() {
        assertThatThrownBy(() -> MqttEndpoint.tls("ssl://host:8883", List.of())).hasMessageContaining("host[:port]");
        assertThatThrownBy(() -> MqttEndpoint.tls("host:port", List.of())).hasMessageContaining("is not a number");
        assertThatThrownBy(() -> MqttEndpoint.webSocket("wss://host/mqtt", List.of())).hasMessageContaining("/$iothub/websocket");
    }

    @Test
    void devSettingsEndpointsWinAndAbsentOnesAreAzuresPortsOnTheSameHost() {
        MqttSettings settings = new MqttSettings(Optional.of("127.0.0.1:18883"), Optional.empty(),
                Map.of("localhost:5001", "localhost:18884"), Map.of("localhost:5001", "wss://localhost:5443/$iothub/websocket"));

        MqttEndpoints tls = new MqttEndpoints(MqttEndpoint.Flavour.TLS, settings, List.of());
        assertThat(tls.dps("localhost:5000").address()).isEqualTo("127.0.0.1:18883");
        assertThat(tls.hub("localhost:5001").address()).isEqualTo("localhost:18884");
        assertThat(tls.hub("other-hub:5002").address()).isEqualTo("other-hub:8883");

        MqttEndpoints webSockets = new MqttEndpoints(MqttEndpoint.Flavour.WEBSOCKET, settings, List.of());
        assertThat(webSockets.dps("localhost:5000").webSocketUri()).hasToString("wss://localhost:443/$iothub/websocket");
        assertThat(webSockets.hub("localhost:5001").webSocketUri()).hasToString("wss://localhost:5443/$iothub/websocket");
    }
}
