package dev.dpsrig.emulator.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Which data directory a command means, so that every command finds the simulator's settings from
 * any folder, as {@code git} finds its repository: {@code --data-dir} when given, else the
 * {@value #ENVIRONMENT_VARIABLE} environment variable, else the nearest {@value #FOLDER_NAME} folder in
 * the current folder or one of its parents; {@code dpsrig serve} makes {@code ./dpsrig-data} when
 * there is none.
 *
 * @param path   the folder
 * @param source how it was chosen, for messages ("--data-dir", "DPSRIG_DATA_DIR", "found from /work/x")
 */
public record DataDirectory(Path path, String source) {
    public static final String ENVIRONMENT_VARIABLE = "DPSRIG_DATA_DIR";
    public static final String FOLDER_NAME = "dpsrig-data";

    /** Where the settings file of this directory is. */
    public Path settingsFile() {
        return path.resolve(DevSettings.FILE_NAME);
    }

    /** The directory a client command reads settings from, if one is named or can be found. */
    public static Optional<DataDirectory> locate(Optional<Path> option, Map<String, String> environment, Path workingDirectory) {
        if (option.isPresent()) {
            return Optional.of(new DataDirectory(option.get(), "--data-dir"));
        }
        String variable = environment.getOrDefault(ENVIRONMENT_VARIABLE, "").strip();
        if (!variable.isEmpty()) {
            return Optional.of(new DataDirectory(Path.of(variable), ENVIRONMENT_VARIABLE));
        }
        for (Path folder = workingDirectory.toAbsolutePath(); folder != null; folder = folder.getParent()) {
            Path candidate = folder.resolve(FOLDER_NAME);
            if (Files.isDirectory(candidate)) {
                return Optional.of(new DataDirectory(candidate, "found from " + workingDirectory.toAbsolutePath()));
            }
        }
        return Optional.empty();
    }

    /** {@link #locate} from this process's environment and folder. */
    public static Optional<DataDirectory> locate(Optional<Path> option) {
        return locate(option, System.getenv(), Path.of(""));
    }

    /** The directory {@code dpsrig serve} uses: as {@link #locate}, else a new {@code ./dpsrig-data}. */
    public static DataDirectory forServer(Optional<Path> option) {
        return locate(option).orElseGet(() -> new DataDirectory(Path.of(FOLDER_NAME), "default"));
    }

    /** For "not found" messages: where a client command looked. */
    public static String whereLooked() {
        return "--data-dir, " + ENVIRONMENT_VARIABLE + ", or a " + FOLDER_NAME + "/ folder in " + Path.of("").toAbsolutePath()
                + " or its parents";
    }
}
