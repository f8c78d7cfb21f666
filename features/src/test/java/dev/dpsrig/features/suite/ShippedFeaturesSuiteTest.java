package dev.dpsrig.features.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.features.transport.Transport;
import dev.dpsrig.features.transport.TransportRuns;
import org.junit.jupiter.api.Test;

class ShippedFeaturesSuiteTest {
    @Test
    void theMavenSuiteLeavesOutWhatADefaultDpsrigTestRunLeavesOut() {
        assertThat(TransportRuns.excludedTags(Transport.DEFAULT))
                .containsExactly(ShippedFeaturesIT.NOT_OVER_HTTPS, ShippedFeaturesIT.NOT_OVER_MQTT);
    }
}
