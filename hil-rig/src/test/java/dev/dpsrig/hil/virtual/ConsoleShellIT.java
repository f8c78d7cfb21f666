package dev.dpsrig.hil.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.hil.console.LineConsole;
import dev.dpsrig.hil.console.PseudoTerminal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A console board's shell, on a virtual board at the master of a real pseudo-terminal pair, as the rig sees it. */
class ConsoleShellIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private NullModem modem;
    private LineConsole rig;
    private final WireOutput power = new WireOutput("relay-1", false);
    private VirtualBoard board;

    @BeforeEach
    void cable() {
        modem = NullModem.open();
        rig = PseudoTerminal.open(modem.rigEnd()).console("rig", Clock.systemUTC(), event -> { });
        // The firmware says it started and returns; the shell stays on the line.
        Firmware firmware = ConsoleShell.around(line -> line.sendLine("app: started"), "2.4.1");
        board = VirtualBoard.builder("dut-1", modem.boardIn(), modem.boardOut(), power, firmware)
                .lineName(modem.boardName()).onClose(modem).bootDelay(Duration.ofMillis(40)).start();
        power.set(true);
        rig.expect(Pattern.compile("^app: started$"), WAIT);
    }

    @AfterEach
    void unplug() {
        board.close();
        rig.close();
        modem.close();
    }

    private List<String> ask(String line, int answerLines) {
        rig.sendLine(line);
        List<String> seen = new java.util.ArrayList<>();
        for (int i = 0; i < answerLines; i++) {
            seen.add(rig.expect(Pattern.compile(""), WAIT).line());
        }
        return seen;
    }

    @Test
    void echoesEachLineThenAnswersIt() {
        assertThat(ask("version", 2)).containsExactly("version", "fw 2.4.1");
        assertThat(ask("help", 2)).containsExactly("help", ConsoleShell.HELP);
        assertThat(ask("reboot now", 2)).containsExactly("reboot now", "unknown command 'reboot now'; try help");
        assertThat(ask("", 1)).containsExactly("");
        assertThat(ask("version", 2)).containsExactly("version", "fw 2.4.1");
    }

    @Test
    void aPowerCycledBoardAnswersAgainAndOnlyOnce() {
        power.set(false);
        power.set(true);
        rig.expect(Pattern.compile("^app: started$"), WAIT);

        assertThat(ask("version", 2)).containsExactly("version", "fw 2.4.1");
        ask("help", 2);
        assertThat(rig.tail(200).stream().filter(line -> line.startsWith("fw ")).count())
                .as("a shell of the generation before the power cut would answer too").isEqualTo(1);
    }
}
