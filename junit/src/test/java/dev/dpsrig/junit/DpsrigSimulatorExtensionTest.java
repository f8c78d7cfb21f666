package dev.dpsrig.junit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What the extension says when it is used wrongly, without starting a simulator. */
class DpsrigSimulatorExtensionTest {

    @Test
    void outsideATestItSaysTheSimulatorIsNotRunningAndHowToRegisterIt() {
        assertThatThrownBy(() -> DpsrigSimulatorExtension.inMemory().globalEndpoint())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the dpsrig simulator is not running: register this extension with @RegisterExtension"
                        + " and use it from a test or a lifecycle method of that class");
    }

    @Test
    void aHubNameIoTHubWouldRefuseIsRefusedWhenBuilt() {
        assertThatThrownBy(() -> DpsrigSimulatorExtension.builder().withHub("x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hub name 'x'");
    }

    @Test
    void anIdScopeWithPunctuationIsRefused() {
        assertThatThrownBy(() -> DpsrigSimulatorExtension.builder().withIdScope("0ne-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ID scope '0ne-1'");
    }
}
