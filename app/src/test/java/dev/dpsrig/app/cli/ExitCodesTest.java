package dev.dpsrig.app.cli;

import static dev.dpsrig.app.cli.CommandRun.dpsrig;
import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import dev.dpsrig.app.cli.shared.ExitCodes;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The same problem gets the same exit code and one line from every command (README, "Exit codes"). */
class ExitCodesTest {
    private static final String MISSING = "/nonexistent-dpsrig-input";

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @ValueSource(strings = {
            "certs show " + MISSING + ".pem",
            "rig check --rig " + MISSING + ".yaml",
            "device register --registration-id d1 --id-scope 0ne00000000 --global-endpoint 127.0.0.1:1 --cert " + MISSING + ".pem"
                    + " --data-dir DATA",
            "fleet run --spec " + MISSING + ".json --data-dir DATA",
            "serve --port 0 --in-memory --faults " + MISSING + ".yaml --data-dir DATA",
            "faults add --file " + MISSING + ".yaml --data-dir DATA",
            "test --rig " + MISSING + ".yaml"})
    void aMissingFileGivenOnTheCommandLineIsAUsageError(String commandLine) {
        CommandRun run = dpsrig(commandLine.replace("DATA", dataDir.toString()).split(" "));

        assertThat(run.exitCode()).as("%s: %s", commandLine, run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().lines().toList()).singleElement(as(STRING)).startsWith("dpsrig ").contains(MISSING);
    }
}
