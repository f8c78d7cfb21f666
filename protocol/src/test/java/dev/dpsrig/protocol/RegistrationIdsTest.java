package dev.dpsrig.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegistrationIdsTest {
    @ParameterizedTest
    @ValueSource(strings = {"my-symkey-device", "device-01", "Sensor.7_a:b", "x", "ends-with-dash-"})
    void accepted(String id) {
        assertThat(RegistrationIds.problemWith(id)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "ends.", "ends_", "ends:", "bad/slash", "ümlaut"})
    void refused(String id) {
        assertThat(RegistrationIds.problemWith(id)).isPresent();
    }

    @org.junit.jupiter.api.Test
    void lengthLimitIs128() {
        assertThat(RegistrationIds.problemWith("a".repeat(128))).isEmpty();
        assertThat(RegistrationIds.problemWith("a".repeat(129))).contains("registration id is longer than 128 characters");
    }
}
