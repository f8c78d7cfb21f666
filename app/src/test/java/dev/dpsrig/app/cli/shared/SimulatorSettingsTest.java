package dev.dpsrig.app.cli.shared;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.emulator.client.ServiceConnectionException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data directory without settings is said the same way by every command, with what else that command takes. */
class SimulatorSettingsTest {
    @TempDir
    Path dataDir;

    @Test
    void aDataDirectoryWithoutSettingsSaysHowToMakeThem() {
        assertThatThrownBy(() -> SimulatorSettings.read(Optional.of(dataDir), Optional.empty()))
                .isInstanceOf(ServiceConnectionException.class)
                .hasMessage(dataDir.resolve("dev-settings.json") + ": not found (data directory from --data-dir); start `dpsrig serve"
                        + " --data-dir " + dataDir + "` (it writes this file)");
    }

    @Test
    void theCommandsAlternativeFollows() {
        assertThatThrownBy(() -> SimulatorSettings.read(Optional.of(dataDir), Optional.of("pass --connection-string")))
                .hasMessageEndingWith("` (it writes this file) or pass --connection-string");
    }
}
