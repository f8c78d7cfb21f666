package dev.dpsrig.hil.rig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.hil.Pause;
import dev.dpsrig.hil.RigEvent;
import dev.dpsrig.hil.RigListener;
import dev.dpsrig.hil.board.Board;
import dev.dpsrig.hil.board.BoardLog;
import dev.dpsrig.hil.board.BoardState;
import dev.dpsrig.hil.board.BoardStrategy;
import dev.dpsrig.hil.config.RigFiles;
import dev.dpsrig.hil.console.LineConsole;
import dev.dpsrig.hil.virtual.NullModem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rig file brought up over a real pseudo-terminal and mock GPIO, its board driven to PROVISIONED. */
class RigIT {
    @TempDir
    Path dir;

    @Test
    void boardFromARigFileBootsAndProvisionsOverItsSerialLine() throws Exception {
        try (NullModem pair = NullModem.open();
             LineConsole far = pair.boardConsole("far end", Clock.systemUTC(), RigListener.NONE)) {
            Path rigFile = Files.writeString(dir.resolve("rig.yaml"), """
                    gpio: mock
                    boards:
                      - name: gateway
                        serial: {port: %s}
                        gpio:
                          power: {pin: 17, active-low: true}
                          reset: {pin: 27, active-low: true, pulse: 20ms}
                          inputs: {ready: {pin: 22}}
                        console: {boot: '^U-Boot', provisioned: 'assigned to (\\S+)', failure: panic}
                        deadlines: {boot: 30s, provision: 30s}
                    """.formatted(pair.rigEnd()));
            BoardLog log = new BoardLog();
            List<Duration> pauses = new ArrayList<>();
            Pause recorded = pauses::add;

            try (Rig rig = Rig.assemble(RigFiles.load(rigFile), Clock.systemUTC(), recorded, log)) {
                // The board's firmware: when the (active-low) power line goes low, it boots and registers.
                rig.gpio().line(17).onChange(high -> {
                    if (!high) {
                        far.sendLine("U-Boot 2024.01");
                        far.sendLine("dps: assigned to hub-3.azure-devices.net");
                    }
                });
                Board board = rig.board("gateway");
                assertThat(board.power().isOn()).isFalse();
                assertThat(rig.gpio().line(27).isHigh()).as("reset released").isTrue();
                BoardStrategy strategy = BoardStrategy.console(board, Clock.systemUTC(), log);

                strategy.moveTo(BoardState.PROVISIONED);
                board.reset().orElseThrow().pulse();
                rig.gpio().driveMockInput(22, true);
                board.inputs().get("ready").awaitLevel(true, Duration.ofSeconds(30));

                assertThat(strategy.state()).isEqualTo(BoardState.PROVISIONED);
                assertThat(board.power().isOn()).isTrue();
                assertThat(pauses).containsExactly(Duration.ofMillis(20));
                assertThatThrownBy(() -> rig.board("sensor")).hasMessage("no board named 'sensor' on this rig; it has gateway");
            }
            assertThat(log.events()).extracting(RigEvent::kind).containsSubsequence(
                    RigEvent.Kind.TRANSITION_STARTED, RigEvent.Kind.POWER_ON, RigEvent.Kind.CONSOLE_MATCHED, RigEvent.Kind.TRANSITION_ENDED,
                    RigEvent.Kind.TRANSITION_STARTED, RigEvent.Kind.CONSOLE_MATCHED, RigEvent.Kind.TRANSITION_ENDED,
                    RigEvent.Kind.RESET, RigEvent.Kind.LINE_CHANGED, RigEvent.Kind.POWER_OFF);
            assertThat(log.render()).contains("gateway CONSOLE_MATCHED").contains("dps: assigned to hub-3.azure-devices.net");
        }
    }
}
