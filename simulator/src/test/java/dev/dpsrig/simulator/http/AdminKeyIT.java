package dev.dpsrig.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.emulator.client.DevSettings;
import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.emulator.client.ServiceApiException;
import dev.dpsrig.protocol.settings.ServiceConnectionString;
import dev.dpsrig.emulator.client.ServiceTrust;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API (/dpsrig/...) with a key of its own: the service key no longer opens it, and the CLI finds the key. */
class AdminKeyIT {
    private static final String ADMIN_KEY = Base64.getEncoder().encodeToString("a separate admin key, 32 bytes!!".getBytes(StandardCharsets.US_ASCII));

    @TempDir
    Path data;

    private static ServiceApiClient client(LocalSimulator simulator, Optional<String> adminKey) {
        return new ServiceApiClient(ServiceConnectionString.parse(simulator.serviceConnectionString()), adminKey,
                ServiceTrust.only(List.of(simulator.trustedRoot())), Clock.systemUTC(), Function.identity());
    }

    @Test
    void aSeparateAdminKeyAloneOpensTheAdminApiAndTheServiceKeyStillOpensTheServiceApi() {
        SimulatorConfig config = SimulatorConfig.builder().dataDirectory(data).inMemory().adminKey(ADMIN_KEY)
                .assignmentDelay(Duration.ZERO).build();
        try (LocalSimulator simulator = LocalSimulator.start(config)) {
            try (ServiceApiClient serviceKeyOnly = client(simulator, Optional.empty())) {
                assertThat(serviceKeyOnly.enrollments()).isEmpty();
                assertThatThrownBy(serviceKeyOnly::faults).isInstanceOfSatisfying(ServiceApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.serviceMessage()).contains("the admin key");
                });
            }
            try (ServiceApiClient withAdminKey = client(simulator, Optional.of(ADMIN_KEY))) {
                assertThat(withAdminKey.faults()).isEmpty();
                assertThat(withAdminKey.hubs()).hasSize(1);
                assertThat(withAdminKey.enrollments()).as("the service API still takes the service key").isEmpty();
            }

            DevSettings settings = DevSettings.read(simulator.devSettingsFile());
            assertThat(settings.adminKey()).contains(ADMIN_KEY);
            try (ServiceApiClient asTheCliDoes = new ServiceApiClient(settings.connection(), settings.adminKey(),
                    ServiceTrust.only(settings.trustedRoots()), Clock.systemUTC(), Function.identity())) {
                assertThat(asTheCliDoes.quotaProfile().getString("profile")).isEqualTo("off");
            }
            assertThat(simulator.developmentKeyInForce()).as("the service key is still the published one").isTrue();
        }
    }

    @Test
    void withoutOneTheServiceKeyOpensTheAdminApiAndTheSettingsCarryNoAdminKey() {
        try (LocalSimulator simulator = LocalSimulator.start(SimulatorConfig.builder().dataDirectory(data).inMemory().build())) {
            assertThat(simulator.adminKey()).isEqualTo(simulator.serviceKey());
            assertThat(simulator.devSettings().containsKey("adminKey")).isFalse();
            try (ServiceApiClient serviceKeyOnly = client(simulator, Optional.empty())) {
                assertThat(serviceKeyOnly.faults()).isEmpty();
            }
        }
    }

    @Test
    void ownKeysForBothMeanTheDevelopmentKeyIsNotInForce() {
        String serviceKey = Base64.getEncoder().encodeToString("a service key of one's own, 32 b".getBytes(StandardCharsets.US_ASCII));
        try (LocalSimulator simulator = LocalSimulator.start(SimulatorConfig.builder().serviceKey(serviceKey).adminKey(ADMIN_KEY).build())) {
            assertThat(simulator.developmentKeyInForce()).isFalse();
        }
    }
}
