package dev.dpsrig.hil.tethered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.hil.RigListener;
import dev.dpsrig.hil.board.Board;
import dev.dpsrig.hil.check.BoardProbes;
import dev.dpsrig.hil.check.TetheredProbe;
import dev.dpsrig.hil.config.BoardMode;
import dev.dpsrig.hil.config.BoardProfile;
import dev.dpsrig.hil.config.ConsolePatterns;
import dev.dpsrig.hil.config.Deadlines;
import dev.dpsrig.hil.config.GpioLines;
import dev.dpsrig.hil.config.LineConfig;
import dev.dpsrig.hil.config.ProbeConfig;
import dev.dpsrig.hil.power.OutputPower;
import dev.dpsrig.hil.serial.PortAddress;
import dev.dpsrig.hil.serial.SerialSettings;
import dev.dpsrig.hil.virtual.WireOutput;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** rig check asks a key-holder board HELLO, powering it first. */
class TetheredProbeTest {

    private static Board board(Wire wire, WireOutput power) {
        BoardProfile profile = new BoardProfile("board-1", Path.of("rig.yaml"), SerialSettings.of(new PortAddress.ByPath(Path.of("pipe"))),
                new GpioLines(new LineConfig(5, false), Optional.empty(), Map.of()), BoardMode.TETHERED,
                new ConsolePatterns(Optional.empty(), Optional.empty(), Optional.empty()), ProbeConfig.DEFAULT, Optional.empty(),
                new Deadlines(Duration.ofSeconds(5), Duration.ofSeconds(5)));
        return new Board(profile, new OutputPower("board-1", power, false, Clock.systemUTC(), RigListener.NONE), Optional.empty(), wire.rig, Map.of());
    }

    @Test
    void aKeyHolderAnswersHelloWithWhoItIs() throws Exception {
        try (Wire wire = new Wire()) {
            WireOutput power = new WireOutput("power", false);
            Thread firmware = Thread.ofPlatform().daemon().start(() -> {
                try {
                    new TetheredFirmware(new HeldIdentity.SymmetricKey("board-1-id", "c2VjcmV0LWtleS0xMjM0NTY3OA=="), Map::of).run(wire.board);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try {
                String answer = BoardProbes.standard().forMode(BoardMode.TETHERED).probe(board(wire, power));

                assertThat(answer).isEqualTo("HELLO board-1-id symmetricKey (protocol 1)");
                assertThat(power.isHigh()).as("the probe powered the board on").isTrue();
            } finally {
                firmware.interrupt();
            }
        }
    }

    @Test
    void aSilentBoardFailsNamingHello() {
        try (Wire wire = new Wire()) {
            assertThatThrownBy(() -> new TetheredProbe().probe(board(wire, new WireOutput("power", false))))
                    .isInstanceOf(TetheredException.class)
                    .hasMessageContaining("HELLO");
        }
    }
}
