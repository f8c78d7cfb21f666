package dev.dpsrig.app.cli;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import dev.dpsrig.app.cli.shared.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
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
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = commandLine.replace("DATA", dataDir.toString()).split(" ");

        int exitCode = Dpsrig.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);

        assertThat(exitCode).as("%s: %s", commandLine, err).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().lines().toList()).singleElement(as(STRING)).startsWith("dpsrig ").contains(MISSING);
    }
}
