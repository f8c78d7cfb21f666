package dev.dpsrig.hil.virtual;

import dev.dpsrig.hil.Pause;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.hil.ConsoleMatch;
import dev.dpsrig.hil.ConsoleTimeoutException;
import dev.dpsrig.hil.RigEvent;
import dev.dpsrig.hil.console.LineConsole;
import dev.dpsrig.hil.console.PseudoTerminal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A virtual board on the master of a real pseudo-terminal pair, the rig's console on its terminal opened as
 * plain files: power, boot log, firmware output, and every fault, as the rig sees them.
 */
class VirtualBoardIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** How long the rig listens to be sure the board stays silent; only ever used to show that nothing came. */
    private static final Duration QUIET = Duration.ofMillis(400);
    private static final Pattern ANY = Pattern.compile(".");

    private NullModem modem;
    private LineConsole rig;
    private final WireOutput power = new WireOutput("relay-1", false);
    private final List<RigEvent> boardEvents = new CopyOnWriteArrayList<>();
    private VirtualBoard board;

    @BeforeEach
    void cable() {
        modem = NullModem.open();
        rig = PseudoTerminal.open(modem.rigEnd()).console("rig", Clock.systemUTC(), event -> { });
    }

    @AfterEach
    void unplug() {
        if (board != null) {
            board.close();
        }
        rig.close();
        modem.close();
    }

    private VirtualBoard board(Firmware firmware) {
        board = VirtualBoard.builder("dut-1", modem.boardIn(), modem.boardOut(), power, firmware)
                .lineName(modem.boardName()).onClose(modem).bootDelay(Duration.ofMillis(60))
                .listener(boardEvents::add).start();
        return board;
    }

    /** Prints a tick every 20 ms, answers "ping N" with "pong N". */
    private static Firmware ticking() {
        return line -> {
            line.sendLine("fw: started");
            for (int tick = 1; ; tick++) {
                answerPings(line, Duration.ofMillis(20));
                line.sendLine("fw: tick " + tick);
            }
        };
    }

    /** Says only "fw: started", then answers "ping N" with "pong N". */
    private static Firmware answering() {
        return line -> {
            line.sendLine("fw: started");
            while (true) {
                answerPings(line, Duration.ofSeconds(1));
            }
        };
    }

    private static void answerPings(dev.dpsrig.hil.Console line, Duration wait) throws InterruptedException {
        try {
            ConsoleMatch ping = line.expect(Pattern.compile("^ping (\\d+)$"), wait);
            line.sendLine("pong " + ping.group(1));
        } catch (ConsoleTimeoutException quiet) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    @Test
    void boardSaysNothingWhileOffAndForgetsWhatItWasSent() {
        board(answering());

        rig.sendLine("ping 1");

        assertThatThrownBy(() -> rig.expect(ANY, QUIET)).isInstanceOf(ConsoleTimeoutException.class)
                .hasMessageContaining("it printed nothing");
        power.set(true);
        rig.expect(Pattern.compile("^dut-1 ready$"), WAIT);
        rig.expect(Pattern.compile("^fw: started$"), WAIT);
        rig.sendLine("ping 2");
        rig.expect(Pattern.compile("^pong 2$"), WAIT);
        assertThat(rig.tail(50)).doesNotContain("pong 1").first().isEqualTo("Booting dut-1 ...");
    }

    @Test
    void powerOnPrintsTheBootLogThenRunsTheFirmware() {
        board(ticking());

        power.set(true);

        ConsoleMatch banner = rig.expect(Pattern.compile("^Booting dut-1 \\.\\.\\.$"), WAIT);
        rig.expect(Pattern.compile("^rom: reset cause power-on$"), WAIT);
        ConsoleMatch ready = rig.expect(Pattern.compile("^dut-1 ready$"), WAIT);
        ConsoleMatch started = rig.expect(Pattern.compile("^fw: started$"), WAIT);
        rig.expect(Pattern.compile("^fw: tick 2$"), WAIT);
        assertThat(banner.receivedAt()).isBeforeOrEqualTo(ready.receivedAt());
        assertThat(ready.receivedAt()).isBeforeOrEqualTo(started.receivedAt());
        assertThat(rig.tail(50).subList(0, 7)).containsExactly("Booting dut-1 ...", "rom: reset cause power-on",
                "boot: flash 4096 KiB, loading app partition", "boot: app image verified", "uart0: 115200 8N1", "dut-1 ready",
                "fw: started");
        assertThat(board.log()).extracting(RigEvent::kind, RigEvent::detail).startsWith(
                org.assertj.core.groups.Tuple.tuple(RigEvent.Kind.POWER_ON, "relay-1"),
                org.assertj.core.groups.Tuple.tuple(RigEvent.Kind.NOTE, "boot (power-on)"),
                org.assertj.core.groups.Tuple.tuple(RigEvent.Kind.NOTE, "firmware started"));
    }

    @Test
    void powerOffSilencesTheBoardMidOutputAndPowerOnBootsItAgain() {
        board(ticking());
        power.set(true);
        rig.expect(Pattern.compile("^fw: tick 5$"), WAIT);

        power.set(false);

        Instant off = lastOf(RigEvent.Kind.POWER_OFF).at();
        assertThat(boardEvents).filteredOn(event -> event.kind() == RigEvent.Kind.CONSOLE_SENT)
                .allSatisfy(sent -> assertThat(sent.at()).isBeforeOrEqualTo(off));
        int sentBeforeOff = count(RigEvent.Kind.CONSOLE_SENT);
        // Lines already in the cable may still arrive; after that, silence.
        drain();
        assertThatThrownBy(() -> rig.expect(ANY, QUIET)).isInstanceOf(ConsoleTimeoutException.class);
        assertThat(count(RigEvent.Kind.CONSOLE_SENT)).isEqualTo(sentBeforeOff);
        assertThat(board.isPowered()).isFalse();

        power.set(true);

        rig.expect(Pattern.compile("^Booting dut-1 \\.\\.\\.$"), WAIT);
        rig.expect(Pattern.compile("^fw: started$"), WAIT);
        rig.expect(Pattern.compile("^fw: tick 1$"), WAIT);
        assertThat(board.log()).extracting(RigEvent::kind).filteredOn(kind -> kind != RigEvent.Kind.NOTE)
                .startsWith(RigEvent.Kind.POWER_ON, RigEvent.Kind.POWER_OFF, RigEvent.Kind.POWER_ON);
    }

    @Test
    void firmwareThatIgnoresTheInterruptIsSilencedAllTheSame() {
        AtomicBoolean testOver = new AtomicBoolean();
        board(line -> {
            for (int n = 1; !testOver.get(); n++) {
                try {
                    line.sendLine("fw: stubborn " + n);
                    Pause.SLEEPING.await(Duration.ofMillis(20));
                } catch (InterruptedException | RuntimeException ignored) {
                    // Badly written firmware: it carries on whatever happens.
                }
            }
        });
        power.set(true);
        rig.expect(Pattern.compile("^fw: stubborn 3$"), WAIT);

        power.set(false);

        try {
            drain();
            assertThatThrownBy(() -> rig.expect(ANY, QUIET)).isInstanceOf(ConsoleTimeoutException.class);
            Instant off = lastOf(RigEvent.Kind.POWER_OFF).at();
            assertThat(boardEvents).filteredOn(event -> event.kind() == RigEvent.Kind.CONSOLE_SENT)
                    .allSatisfy(sent -> assertThat(sent.at()).isBeforeOrEqualTo(off));
        } finally {
            testOver.set(true);
        }
    }

    @Test
    void garbageShowsUpInTheRigsConsole() {
        board(ticking());
        power.set(true);
        rig.expect(Pattern.compile("^fw: tick 1$"), WAIT);

        assertThat(board.faults().garbage(24)).isTrue();

        ConsoleMatch noisy = rig.expect(Pattern.compile("\uFFFD.*fw: tick \\d+$"), WAIT);
        assertThat(noisy.line()).doesNotStartWith("fw: tick");
        assertThat(rig.tail(200)).contains(noisy.line());
        assertThat(board.log()).extracting(RigEvent::detail).contains("fault: 24 bytes of garbage on the line");
    }

    @Test
    void garbageIsNotSentWhileTheBoardIsOff() {
        board(ticking());

        assertThat(board.faults().garbage(24)).isFalse();

        assertThatThrownBy(() -> rig.expect(ANY, QUIET)).isInstanceOf(ConsoleTimeoutException.class);
    }

    @Test
    void stalledReplyArrivesOnlyAfterTheHold() {
        board(answering());
        power.set(true);
        rig.expect(Pattern.compile("^fw: started$"), WAIT);
        Duration hold = Duration.ofMillis(300);

        board.faults().stallNextReply(hold);
        rig.sendLine("ping 7");

        ConsoleMatch pong = rig.expect(Pattern.compile("^pong 7$"), WAIT);
        RigEvent held = lastWith("fault: holding back for 300 ms: pong 7");
        RigEvent released = lastWith("fault: releasing: pong 7");
        assertThat(Duration.between(held.at(), released.at())).isGreaterThanOrEqualTo(hold);
        assertThat(pong.receivedAt()).isAfterOrEqualTo(released.at());
        rig.sendLine("ping 8");
        ConsoleMatch next = rig.expect(Pattern.compile("^pong 8$"), WAIT);
        assertThat(boardEvents).extracting(RigEvent::detail).filteredOn(detail -> detail.startsWith("fault: holding back"))
                .hasSize(1);
        assertThat(next.receivedAt()).isAfter(pong.receivedAt());
    }

    @Test
    void rebootMidRegistrationPrintsTheBootLogAgainAndRestartsTheFirmware() {
        board(line -> {
            line.sendLine("dps: registering dut-1 at localhost");
            Pause.SLEEPING.await(Duration.ofMillis(300));
            line.sendLine("dps: assigned hub=hub-1 deviceId=dut-1");
            Pause.SLEEPING.await(Duration.ofDays(1));
        });
        board.faults().rebootAfter(Pattern.compile("dps: registering"));

        power.set(true);

        rig.expect(Pattern.compile("^rom: reset cause power-on$"), WAIT);
        rig.expect(Pattern.compile("^dps: registering dut-1"), WAIT);
        rig.expect(Pattern.compile("^Booting dut-1 \\.\\.\\.$"), WAIT);
        rig.expect(Pattern.compile("^rom: reset cause software reset$"), WAIT);
        rig.expect(Pattern.compile("^dps: registering dut-1"), WAIT);
        rig.expect(Pattern.compile("^dps: assigned hub=hub-1 deviceId=dut-1$"), WAIT);
        assertThat(rig.tail(200)).filteredOn(line -> line.startsWith("dps: assigned")).hasSize(1);
        assertThat(rig.tail(200)).filteredOn(line -> line.equals("Booting dut-1 ...")).hasSize(2);
        assertThat(board.log()).extracting(RigEvent::kind, RigEvent::detail)
                .contains(org.assertj.core.groups.Tuple.tuple(RigEvent.Kind.RESET, "fault: reboot after /dps: registering/"));
        assertThat(board.log()).extracting(RigEvent::detail).filteredOn("firmware started"::equals).hasSize(2);
    }

    @Test
    void timedRebootBootsAgainWhileTheFirmwareWaits() {
        board(answering());
        power.set(true);
        rig.expect(Pattern.compile("^fw: started$"), WAIT);

        board.faults().rebootAfter(Duration.ofMillis(100));

        rig.expect(Pattern.compile("^rom: reset cause software reset$"), WAIT);
        rig.expect(Pattern.compile("^fw: started$"), WAIT);
        assertThat(board.log()).extracting(RigEvent::kind).contains(RigEvent.Kind.RESET);
    }

    @Test
    void firmwareThatCrashesPanicsOnTheLine() {
        board(line -> {
            line.sendLine("fw: started");
            throw new IllegalStateException("stack overflow in task dps");
        });

        power.set(true);

        rig.expect(Pattern.compile("^panic: stack overflow in task dps$"), WAIT);
        assertThat(board.log()).extracting(RigEvent::detail)
                .anySatisfy(detail -> assertThat(detail).startsWith("firmware crashed: java.lang.IllegalStateException"));
    }

    /**
     * Consumes what was still in the cable when the power went, until the rig has heard nothing for a while;
     * a board that keeps talking fails the test.
     */
    private void drain() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                rig.expect(ANY, QUIET);
            } catch (ConsoleTimeoutException quiet) {
                return;
            }
        }
        throw new AssertionError("the board kept talking after its power went off: " + rig.tail(5));
    }

    private RigEvent lastOf(RigEvent.Kind kind) {
        return board.log().stream().filter(event -> event.kind() == kind).reduce((a, b) -> b).orElseThrow();
    }

    private RigEvent lastWith(String detail) {
        return board.log().stream().filter(event -> event.detail().equals(detail)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no event '" + detail + "' in " + board.log()));
    }

    private int count(RigEvent.Kind kind) {
        return (int) boardEvents.stream().filter(event -> event.kind() == kind).count();
    }
}
