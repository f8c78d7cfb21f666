package dev.dpsrig.hil.virtual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.hil.RigException;
import dev.dpsrig.hil.RigListener;
import dev.dpsrig.hil.console.LineConsole;
import dev.dpsrig.hil.console.PseudoTerminal;
import dev.dpsrig.hil.serial.PortAddress;
import dev.dpsrig.hil.serial.SerialPorts;
import dev.dpsrig.hil.serial.SerialSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cable itself: the rig's end as a terminal or a link to it, the board's end on the master. */
class NullModemIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void linesGoBothWaysBetweenTheRigsTerminalAndTheBoardsEnd() {
        try (NullModem modem = NullModem.open();
             LineConsole rig = PseudoTerminal.open(modem.rigEnd()).console("rig", Clock.systemUTC(), RigListener.NONE);
             LineConsole board = modem.boardConsole("dut", Clock.systemUTC(), RigListener.NONE)) {
            assertThat(modem.rigEnd()).isEqualTo(modem.terminal());
            assertThat(board.name()).isEqualTo("master of " + modem.terminal());

            rig.sendLine("ping 1");
            board.expect(Pattern.compile("^ping 1$"), WAIT);
            board.sendLine("pong 1");
            rig.expect(Pattern.compile("^pong 1$"), WAIT);
        }
    }

    @Test
    void theRigsEndMayBeALinkWhichGoesAwayWithTheModem() throws Exception {
        Path link = dir.resolve("ttyV0");
        NullModem modem = NullModem.open(link);
        try (LineConsole rig = PseudoTerminal.open(link).console("rig", Clock.systemUTC(), RigListener.NONE)) {
            assertThat(modem.rigEnd()).isEqualTo(link);
            assertThat(link.toRealPath()).isEqualTo(modem.terminal());
            modem.boardOut().write("hello over the link\n".getBytes());
            rig.expect(Pattern.compile("^hello over the link$"), WAIT);
        } finally {
            modem.close();
        }

        assertThat(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(modem.isOpen()).isFalse();
    }

    /** The rig's end opened as the rig does, through jSerialComm, whose close really lets go of the terminal. */
    private static LineConsole rigPort(NullModem modem) {
        return SerialPorts.open(SerialSettings.of(new PortAddress.ByPath(modem.rigEnd())), "dut", Clock.systemUTC(), RigListener.NONE);
    }

    @Test
    void theBoardKeepsListeningWhileTheRigClosesAndReopensItsPortAndHearsEndOfInputWhenTheModemCloses() throws Exception {
        try (NullModem modem = NullModem.open();
             LineConsole board = modem.boardConsole("dut", Clock.systemUTC(), RigListener.NONE)) {
            try (LineConsole rig = rigPort(modem)) {
                rig.sendLine("ping 1");
                board.expect(Pattern.compile("^ping 1$"), WAIT);
            }
            Thread.sleep(200); // the board's reader meets the closed port
            board.sendLine("nobody hears this");
            try (LineConsole rig = rigPort(modem)) {
                rig.sendLine("ping 2");
                board.expect(Pattern.compile("^ping 2$"), WAIT);
                board.sendLine("pong 2");
                rig.expect(Pattern.compile("^pong 2$"), WAIT);
                assertThat(rig.tail(10)).as("what was sent while the port was closed is lost").containsExactly("pong 2");
            }
            assertThat(modem.droppedBytes()).isEqualTo("nobody hears this\n".length());

            modem.close();

            assertThatThrownBy(() -> board.expect(Pattern.compile("anything"), WAIT))
                    .hasMessageContaining("(it reached end of input)");
        }
    }

    @Test
    void aTakenLinkPathIsRefusedAndNothingIsLeftOpen() throws Exception {
        Path taken = Files.writeString(dir.resolve("ttyV1"), "mine");

        assertThatThrownBy(() -> NullModem.open(taken)).isInstanceOf(RigException.class)
                .hasMessage(taken + ": already exists; a pseudo-terminal link needs a free path");
        assertThat(Files.readString(taken)).isEqualTo("mine");
    }

    @Test
    void aLinkInAMissingFolderIsRefusedNamingIt() {
        Path nowhere = dir.resolve("no-such-folder").resolve("ttyV2");

        assertThatThrownBy(() -> NullModem.open(nowhere)).isInstanceOf(RigException.class)
                .hasMessageStartingWith(nowhere + ": cannot link it to the pseudo-terminal /dev/")
                .hasMessageEndingWith(": no folder " + dir.resolve("no-such-folder"));
    }
}
