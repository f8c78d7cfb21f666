package dev.dpsrig.emulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.emulator.fleet.RequestResult.Step;
import org.junit.jupiter.api.Test;

class RequestResultTest {
    @Test
    void aFailureReadsAsItsStatusConnackCodeOrWhatHappenedToTheConnection() {
        assertThat(RequestResult.of("429 ThrottlingException slow down")).isEqualTo("429");
        assertThat(RequestResult.of("register refused with 401: unauthorized")).isEqualTo("401");
        assertThat(RequestResult.of("503  the server refused the MQTT connection: CONNACK 3 (server unavailable)")).isEqualTo("CONNACK 3");
        assertThat(RequestResult.of("no answer within 10000 ms from https://localhost:443/x")).isEqualTo("timeout");
        assertThat(RequestResult.of("MQTT localhost:8883: SocketTimeoutException: Read timed out")).isEqualTo("timeout");
        assertThat(RequestResult.of("cannot reach the hub at localhost:443: connection refused")).isEqualTo("connection refused");
        assertThat(RequestResult.of("MQTT localhost:8883: EOFException: the server closed the connection")).isEqualTo("connection closed");
        assertThat(RequestResult.of("SSLHandshakeException: bad certificate")).isEqualTo("connection error");
    }

    @Test
    void endpointsAreNamedByTransportStepAndMethod() {
        assertThat(Step.REGISTER.endpoint(FleetTransport.HTTPS)).isEqualTo("https register PUT");
        assertThat(Step.OPERATION_STATUS.endpoint(FleetTransport.HTTPS)).isEqualTo("https operation-status GET");
        assertThat(Step.TELEMETRY.endpoint(FleetTransport.MQTT_WS)).isEqualTo("mqtt-ws telemetry publish");
        assertThat(Step.of("mqtt operation-status publish")).isEqualTo(Step.OPERATION_STATUS);
        assertThat(RequestResult.answered(FleetTransport.MQTT, Step.TELEMETRY, 204)).isEqualTo("PUBACK");
        assertThat(RequestResult.answered(FleetTransport.HTTPS, Step.TELEMETRY, 204)).isEqualTo("204");
        assertThat(EndpointStats.isOk("PUBACK")).isTrue();
        assertThat(EndpointStats.isOk("202")).isTrue();
        assertThat(EndpointStats.isOk("429")).isFalse();
        assertThat(EndpointStats.isOk("CONNACK 5")).isFalse();
    }
}
