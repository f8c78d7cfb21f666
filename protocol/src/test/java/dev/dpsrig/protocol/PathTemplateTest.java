package dev.dpsrig.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.protocol.dps.DpsPaths;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PathTemplateTest {
    @Test
    void aBuiltPathIsMatchedBackToTheSameValues() {
        String path = DpsPaths.OPERATION_LOOKUP.expand("0ne00ABC", "device 1/α", "4.1c4f:x");

        assertThat(path).isEqualTo("/0ne00ABC/registrations/device%201%2F%CE%B1/operations/4.1c4f%3Ax");
        assertThat(DpsPaths.OPERATION_LOOKUP.match(path)).contains(
                Map.of("idScope", "0ne00ABC", "registrationId", "device 1/α", "operationId", "4.1c4f:x"));
        assertThat(DpsPaths.REGISTER.match(path)).isEmpty();
    }

    @Test
    void literalsMatchInAnyCaseWithOneTrailingSlash() {
        assertThat(DpsPaths.REGISTER.match("/scope/REGISTRATIONS/Dev-1/Register/")).contains(
                Map.of("idScope", "scope", "registrationId", "Dev-1"));
        assertThat(DpsPaths.REGISTER.match("/scope/registrations//register")).isEmpty();
        assertThat(DpsPaths.REGISTER.match("/scope/registrations/%zz/register")).isEmpty();
    }

    @Test
    void aTemplateTakesExactlyItsValues() {
        assertThatThrownBy(() -> DpsPaths.REGISTER.expand("scope"))
                .hasMessage("/{idScope}/registrations/{registrationId}/register needs more than 1 values");
        assertThatThrownBy(() -> DpsPaths.REGISTER.expand("scope", "d", "extra"))
                .hasMessage("/{idScope}/registrations/{registrationId}/register takes 2 values, not 3");
        assertThatThrownBy(() -> PathTemplate.of("/a//b")).isInstanceOf(IllegalArgumentException.class);
    }
}
