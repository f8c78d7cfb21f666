package dev.dpsrig.app.cli;

import static dev.dpsrig.app.cli.CommandRun.dpsrig;
import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DpsrigCommandTest {
    @Test
    void helpListsTheCertsSubcommand() {
        CommandRun run = dpsrig("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).anySatisfy(line -> assertThat(line.strip()).startsWith("certs "));
    }

    @Test
    void failingCommandReportsOneLineNamingTheCommandAndTheFile() {
        CommandRun run = dpsrig("certs", "show", "/nonexistent.pem");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().toList()).singleElement(as(STRING))
                .startsWith("dpsrig certs show:")
                .contains("/nonexistent.pem: no such file");
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--no-such-option|dpsrig|Unknown option: '--no-such-option'",
            "certs show --no-such-option /nonexistent.pem|dpsrig certs show|Unknown option: '--no-such-option'",
            "device register --registration-id|dpsrig device register|Missing required parameter for option '--registration-id'",
            "fleet run --devices many|dpsrig fleet run|Invalid value for option '--devices': 'many' is not an int",
            "serve --layout sideways|dpsrig serve|Invalid value for option '--layout'",
            "dps enrollment show|dpsrig dps enrollment show|Missing required option: '--enrollment-id=ID'",
            "rig check --rig|dpsrig rig check|Missing required parameter for option '--rig'"})
    void usageErrorIsOneLineNamingTheOptionAndTheHelpWithExitCode2(String commandLine, String command, String problem) {
        CommandRun run = dpsrig(commandLine.split(" "));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().lines().toList()).singleElement(as(STRING))
                .startsWith(command + ": " + problem)
                .endsWith("; see '" + command + " --help'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void usageErrorFoundWhileRunningACommandIsOneLineToo() {
        CommandRun run = dpsrig("serve", "--layout", "sdk", "--port", "1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().toList()).singleElement(as(STRING))
                .isEqualTo("dpsrig serve: --host, --port and --mqtt-port belong to the ports layout; the sdk layout listens on 443"
                        + " and 8883 at --address and the addresses after it; see 'dpsrig serve --help'");
    }

    @Test
    void aSymmetricKeyWithASpaceIsNamedWithThePositionNotJavasWording() {
        CommandRun run = dpsrig("device", "register", "--registration-id", "d1", "--id-scope", "0ne00000000",
                "--global-endpoint", "127.0.0.1:1", "--symmetric-key", "ZHBz cmln");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().toList()).singleElement(as(STRING))
                .isEqualTo("dpsrig device register: the symmetric key (--symmetric-key) is not base64: character ' ' at position 5");
    }

    @Test
    void aPi4jRigOnAMachineWithoutAPi4jGpioPluginIsOneLineSayingWhatToDo(@TempDir Path dir) throws IOException {
        Path rig = dir.resolve("rig.yaml");
        Files.writeString(rig, """
                gpio: pi4j
                boards:
                  - name: gateway
                    serial: {port: /dev/ttyGW}
                    gpio: {power: {pin: 17}}
                    mode: console
                    console: {boot: "^U-Boot", provisioned: "assigned", failure: "panic"}
                    identity: {registration-id: gw-001, attestation: symmetric-key, credentials: {key: a2V5}}
                """);

        CommandRun run = dpsrig("rig", "check", "--rig", rig.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().lines().toList()).singleElement(as(STRING))
                .startsWith("dpsrig rig check: no Pi4J GPIO provider on the class path")
                .contains("set 'gpio: mock' in the rig file");
    }

    @Test
    void misspeltSubcommandSuggestsTheRightOne() {
        CommandRun run = dpsrig("devise");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().toList()).singleElement(as(STRING)).contains("devise").contains("did you mean device");
    }

    @Test
    void rigCheckWithAMissingRigFileIsOneLineWithExitCode2() {
        CommandRun run = dpsrig("rig", "check", "--rig", "/nonexistent-dpsrig-rig.yaml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().toList()).singleElement(as(STRING))
                .isEqualTo("dpsrig rig check: /nonexistent-dpsrig-rig.yaml: no such file");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void sasPrintsTheWalkthroughsHubTokenAlone() {
        CommandRun run = dpsrig("sas", "--uri", "MyExampleHub.azure-devices.net/devices/my-symkey-device",
                "--key", "18RQk/hOPJR9EbsJlk2j8WA6vWaj/yi+oaYg7zmxfQNdOyMSu+SJ8O7TSlZhDJCYmn4rzEiVKIzNiVAWjLxrGA==",
                "--expires-at", "1663119026");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).containsExactly("SharedAccessSignature sr=MyExampleHub.azure-devices.net%2Fdevices"
                + "%2Fmy-symkey-device&sig=f%2BwW8XOKeJOtiPc9Iwjc4OpExvPM7NlhM9qxN2a1aAM%3D&se=1663119026");
    }

    @Test
    void deviceUsageErrorFoundWhileRunningIsOneLineWithExitCode2() {
        CommandRun run = dpsrig("device", "register", "--registration-id", "d1", "--id-scope", "0ne00000000",
                "--data-dir", "/nonexistent-dpsrig-data");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().toList()).singleElement(as(STRING))
                .startsWith("dpsrig device register:")
                .contains("no device credentials");
        assertThat(run.out()).isEmpty();
    }
}
