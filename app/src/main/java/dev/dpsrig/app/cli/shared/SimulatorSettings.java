package dev.dpsrig.app.cli.shared;

import dev.dpsrig.emulator.client.DataDirectory;
import dev.dpsrig.emulator.client.DevSettings;
import dev.dpsrig.emulator.client.ServiceConnectionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code dev-settings.json} of a running {@code dpsrig serve}, found from {@code --data-dir} (else
 * {@code $DPSRIG_DATA_DIR}, else the nearest {@code dpsrig-data/}) the same way by every command that must talk to the
 * simulator, and missing with the same two messages: where it was looked for, and how to make one.
 *
 * @param file where the settings were read from, for messages that name where an endpoint came from
 */
public record SimulatorSettings(Path file, DevSettings settings) {
    /**
     * Reads the settings, or says that there are none.
     *
     * @param dataDir     the {@code --data-dir} given, if any
     * @param alternative what the command takes instead of the simulator's settings ({@code "pass --connection-string"}),
     *                    said after how to start the simulator; empty when it takes nothing else
     * @throws ServiceConnectionException when no data directory is found, or it has no settings file
     */
    public static SimulatorSettings read(Optional<Path> dataDir, Optional<String> alternative) {
        DataDirectory directory = DataDirectory.locate(dataDir).orElseThrow(() -> new ServiceConnectionException(
                "no dev-settings.json: none in " + DataDirectory.whereLooked() + "; start `dpsrig serve`"
                        + alternative.map(other -> " or " + other).orElse(" (it writes one)")));
        Path file = directory.settingsFile();
        if (!Files.isRegularFile(file)) {
            throw new ServiceConnectionException(file + ": not found (data directory from " + directory.source()
                    + "); start `dpsrig serve --data-dir " + directory.path() + "` (it writes this file)"
                    + alternative.map(other -> " or " + other).orElse(""));
        }
        return new SimulatorSettings(file, DevSettings.read(file));
    }
}
