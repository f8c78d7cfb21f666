package dev.dpsrig.app.cli.board;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import dev.dpsrig.app.cli.CommandRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code dpsrig board emulate} refuses bad options with one line before it opens any line. */
class BoardEmulateCommandTest {
    private static final String KEY = "a2V5LWZvci10aGUtYm9hcmQtZW11bGF0ZS10ZXN0cw==";
    private static final String ENDPOINT = "--global-endpoint=localhost:1 --id-scope=0ne00000000";

    private static CommandRun boardEmulate(String commandLine) {
        return CommandRun.dpsrig(("board emulate " + commandLine).split(" "));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--registration-id=b1 --symmetric-key=" + KEY + " " + ENDPOINT
                    + "| 2 | no serial line: give --pty PATH or --link PATH",
            "--pty=/dev/null --link=/tmp/x --registration-id=b1 --symmetric-key=" + KEY + " " + ENDPOINT
                    + "| 2 | --pty and --link exclude each other",
            "--pty=/dev/null --mode=jtag --registration-id=b1 --symmetric-key=" + KEY + " " + ENDPOINT
                    + "| 2 | --mode is console or tethered, not 'jtag'",
            "--pty=/dev/null --boot-delay=-5 --registration-id=b1 --symmetric-key=" + KEY + " " + ENDPOINT
                    + "| 2 | --boot-delay must be 0 or more milliseconds, not -5",
            "--pty=/dev/null --telemetry-interval=0 --registration-id=b1 --symmetric-key=" + KEY + " " + ENDPOINT
                    + "| 2 | --telemetry-interval must be a positive number of milliseconds, not 0",
            "--pty=/dev/null --transport=pigeon --registration-id=b1 --symmetric-key=" + KEY + " " + ENDPOINT
                    + "| 2 | --transport is https, mqtt or mqtt-ws, not 'pigeon'",
            "--pty=/dev/null --mode=tethered --transport=mqtt --registration-id=b1 --symmetric-key=" + KEY
                    + "| 2 | --transport is for console mode",
            "--pty=/dev/null " + ENDPOINT
                    + "| 2 | no device credentials",
            "--pty=/dev/null --registration-id=b1 --symmetric-key=not!base64 " + ENDPOINT
                    + "| 2 | the symmetric key (--symmetric-key) is not base64: character '!' at position 4",
            "--pty=/dev/null --registration-id=b1 --symmetric-key=" + KEY + " --global-endpoint=localhost:1"
                    + " --data-dir=/nonexistent-dpsrig-data | 2 | dev-settings.json: not found",
            "--pty=/nonexistent-pty --registration-id=b1 --symmetric-key=" + KEY + " " + ENDPOINT
                    + "| 1 | /nonexistent-pty: no such terminal",
            "--pty=/nonexistent-pty --mode=tethered --registration-id=b1 --symmetric-key=" + KEY
                    + "| 1 | /nonexistent-pty: no such terminal",
    })
    void badOptionsAreOneLineNamingWhatIsWrong(String commandLine, int exitCode, String message) {
        CommandRun run = boardEmulate(commandLine.strip());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(exitCode);
        assertThat(run.err().lines().toList()).singleElement(as(STRING))
                .startsWith("dpsrig board emulate: ")
                .contains(message);
        assertThat(run.out()).isEmpty();
    }
}
