package dev.dpsrig.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.simulator.server.LocalSimulator;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An instance field gives every test a simulator of its own, injected as a parameter: no test sees another's enrollments. */
class PerTestSimulatorIT {
    @RegisterExtension
    final DpsrigSimulatorExtension dps = DpsrigSimulatorExtension.inMemory();

    @Test
    void firstTestFindsOnlyItsOwnEnrollment(LocalSimulator simulator) {
        enrollAndCount(simulator, "first-device");
    }

    @Test
    void secondTestFindsOnlyItsOwnEnrollment(LocalSimulator simulator) {
        enrollAndCount(simulator, "second-device");
    }

    private void enrollAndCount(LocalSimulator simulator, String registrationId) {
        assertThat(simulator).isSameAs(dps.simulator());
        simulator.service().putEnrollment(registrationId, Jsonp.createObjectBuilder().add("attestation", Jsonp.createObjectBuilder()
                .add("type", "symmetricKey")).build(), Optional.empty());

        assertThat(simulator.service().enrollments()).singleElement().satisfies(e -> assertThat(e.registrationId()).isEqualTo(registrationId));
    }
}
