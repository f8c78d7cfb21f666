package dev.dpsrig.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What a container says before it runs, without a container runtime. */
class DpsrigContainerTest {

    @Test
    void theDefaultImageIsTheOneThisVersionBuilds() {
        assertThat(DpsrigContainer.defaultImage().asCanonicalNameString())
                .isEqualTo("dpsrig:" + System.getProperty("dpsrig.version"));
    }

    @Test
    void settingsBeforeStartSayTheContainerHasNotStarted() {
        try (DpsrigContainer dps = new DpsrigContainer()) {
            assertThatThrownBy(dps::getIdScope).isInstanceOf(IllegalStateException.class)
                    .hasMessage("the dpsrig container has not started: call start() first");
        }
    }
}
