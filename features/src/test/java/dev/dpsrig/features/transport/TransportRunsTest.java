package dev.dpsrig.features.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransportRunsTest {
    private static final String FEATURE = """
            # a comment
            @provisioning
            Feature: Devices provision
              Background:
                Given an enrollment

              Scenario: A device is assigned
                Then it is assigned

              Scenario Outline: A <kind> device is assigned  \t
                Then it is assigned

                Examples:
                  | kind |
                  | x509 |
            """;

    @Test
    void aCopyIsTaggedWithItsTransportAndEveryScenarioNamesIt() {
        String copy = TransportRuns.rewrite(FEATURE, Transport.MQTT);

        assertThat(copy).contains("@provisioning\n@transport-mqtt\nFeature: Devices provision\n")
                .contains("  Scenario: A device is assigned [mqtt]\n")
                .contains("  Scenario Outline: A <kind> device is assigned [mqtt]\n")
                .contains("    Examples:\n")
                .contains("  Background:\n");
    }

    @Test
    void aLineOfTheCopyMapsBackToTheSameTextInTheFeature() {
        List<String> feature = FEATURE.lines().toList();
        List<String> copy = TransportRuns.rewrite(FEATURE, Transport.HTTPS).lines().toList();

        int scenario = feature.indexOf("  Scenario: A device is assigned") + 1;
        assertThat(copy.get(TransportRuns.copyLine(scenario) - 1)).isEqualTo("  Scenario: A device is assigned [https]");
        assertThat(TransportRuns.originalLine(TransportRuns.copyLine(scenario))).isEqualTo(scenario);
    }

    @Test
    void eachTransportGetsAFolderOfItsOwnAndAnEarlierRunsCopiesGo(@TempDir Path folder) throws Exception {
        Files.createDirectories(folder.resolve("mqtt"));
        Files.writeString(folder.resolve("mqtt/stale.feature"), "Feature: gone");

        List<Path> written = TransportRuns.write(List.of(new FeatureSource("provisioning/devices.feature", FEATURE)),
                EnumSet.of(Transport.HTTPS, Transport.MQTT), folder);

        assertThat(written).containsExactly(folder.resolve("https"), folder.resolve("mqtt"));
        assertThat(Files.readString(folder.resolve("https/provisioning/devices.feature"))).contains("A device is assigned [https]");
        assertThat(folder.resolve("mqtt/stale.feature")).doesNotExist();
    }

    @Test
    void httpsOnlyAndBoardScenariosStayOffMqttAndMqttOnlyOnesOffHttps() {
        assertThat(TransportRuns.excludedTags(EnumSet.allOf(Transport.class))).containsExactly(
                "transport-https & (mqtt-only)",
                "transport-mqtt & (https-only | board)",
                "transport-mqtt-ws & (https-only | board | mqtt-only)");
    }

    @Test
    void aRunNamesItsTransportsOrAll() {
        assertThat(Transport.parse("all")).containsExactly(Transport.HTTPS, Transport.MQTT, Transport.MQTT_WS);
        assertThat(Transport.parse("mqtt-ws, https")).containsExactly(Transport.HTTPS, Transport.MQTT_WS);
        assertThatThrownBy(() -> Transport.parse("https,amqp")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--transport is https, mqtt, mqtt-ws, a comma-separated list of them, or all, not 'amqp'");
    }
}
