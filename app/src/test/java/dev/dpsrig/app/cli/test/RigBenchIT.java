package dev.dpsrig.app.cli.test;

import static dev.dpsrig.app.cli.CommandRun.dpsrig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.app.cli.CommandRun;
import dev.dpsrig.features.board.TetheredMode;
import dev.dpsrig.hil.RigListener;
import dev.dpsrig.hil.console.LineConsole;
import dev.dpsrig.hil.tethered.HeldIdentity;
import dev.dpsrig.hil.tethered.TetheredFirmware;
import dev.dpsrig.hil.virtual.NullModem;
import dev.dpsrig.protocol.SymmetricKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dpsrig test --rig FILE}: the shipped tethered features against a board named in a rig file,
 * reached through the jSerialComm driver on a pseudo-terminal. The board is a key holder answering on
 * the other end, always powered, as a board on a bench supply would be.
 */
class RigBenchIT {
    private static final Path FEATURE = Path.of("..", "features", "board", "tethered.feature");

    @TempDir
    Path dir;

    /** Every text attached to the scenarios of a Cucumber JSON report, decoded. */
    private static String attachments(Path report) throws Exception {
        StringBuilder text = new StringBuilder();
        Matcher data = Pattern.compile("\"data\":\\s*\"([A-Za-z0-9+/=]+)\"").matcher(Files.readString(report));
        while (data.find()) {
            text.append(new String(Base64.getDecoder().decode(data.group(1)), StandardCharsets.UTF_8)).append('\n');
        }
        return text.toString();
    }

    @Test
    void theRigsBoardIsEnrolledFromItsProfileAndRegisteredOnItsBehalf() throws Exception {
        String key = SymmetricKeys.generate();
        Files.writeString(dir.resolve("keyholder.key"), key);
        Path rig = Files.writeString(dir.resolve("rig.yaml"), """
                gpio: mock
                boards:
                  - name: keyholder-1
                    serial: {port: %s}
                    gpio: {power: {pin: 17}}
                    mode: tethered
                    identity: {registration-id: bench-keyholder, attestation: symmetric-key, credentials: {symmetric-key: keyholder.key}}
                    deadlines: {boot: 10s, provision: 30s}
                """.formatted(dir.resolve("rig-end")));
        try (NullModem modem = NullModem.open(dir.resolve("rig-end"))) {
            try (LineConsole boardEnd = modem.boardConsole("keyholder-1", Clock.systemUTC(), RigListener.NONE)) {
                Thread firmware = Thread.ofPlatform().daemon().start(() -> {
                    try {
                        new TetheredFirmware(new HeldIdentity.SymmetricKey("bench-keyholder", key), TetheredMode.sensors()).run(boardEnd);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                CommandRun run = dpsrig("test", FEATURE.toString(), "--rig", rig.toString(), "--reports", dir.resolve("reports").toString());

                firmware.interrupt();
                assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
                assertThat(run.out())
                        .contains("skipping 1 scenario tagged @virtual-board")
                        .contains("3 scenarios: 3 passed, 0 failed, 0 skipped");
                assertThat(attachments(dir.resolve("reports").resolve("report.json")))
                        .as("the registration records name the board's registration id from its profile").contains("bench-keyholder");
            }
        }
    }
}
