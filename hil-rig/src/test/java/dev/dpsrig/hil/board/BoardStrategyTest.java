package dev.dpsrig.hil.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.hil.DigitalOutput;
import dev.dpsrig.hil.RigEvent;
import dev.dpsrig.hil.RigException;
import dev.dpsrig.hil.TickingClock;
import dev.dpsrig.hil.config.BoardMode;
import dev.dpsrig.hil.config.BoardProfile;
import dev.dpsrig.hil.config.ConsolePatterns;
import dev.dpsrig.hil.config.Deadlines;
import dev.dpsrig.hil.config.GpioLines;
import dev.dpsrig.hil.config.LineConfig;
import dev.dpsrig.hil.config.ProbeConfig;
import dev.dpsrig.hil.console.LineConsole;
import dev.dpsrig.hil.gpio.Gpio;
import dev.dpsrig.hil.gpio.GpioPlatform;
import dev.dpsrig.hil.power.OutputPower;
import dev.dpsrig.hil.serial.PortAddress;
import dev.dpsrig.hil.serial.SerialSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A scripted board: when its power line goes on, a board thread prints the current script on the
 * console pipe, as firmware would after power-on.
 */
class BoardStrategyTest {
    private static final List<String> GOOD = List.of("U-Boot 2024.01", "kernel up", "dps: assigned to hub-1");
    private static final Duration PATIENT = Duration.ofSeconds(30);

    private final TickingClock clock = new TickingClock();
    private final BoardLog log = new BoardLog();
    private final Gpio gpio = Gpio.open(GpioPlatform.MOCK, clock, log);
    private final AtomicReference<List<String>> script = new AtomicReference<>(GOOD);
    private final BlockingQueue<List<String>> toPrint = new LinkedBlockingQueue<>();
    private final PipedOutputStream boardSide = new PipedOutputStream();
    private final Thread boardThread;
    private final DigitalOutput powerLine = gpio.output("board-a", "power", 17, OutputPower.offLevel(true));
    private LineConsole console;

    BoardStrategyTest() throws IOException {
        PipedInputStream rigSide = new PipedInputStream(boardSide, 64 * 1024);
        console = new LineConsole("pipe", "board-a", rigSide, OutputStream.nullOutputStream(), clock, log, () -> { });
        // The pipe's writer must stay alive, or the reading side sees "write end dead": one long-lived board thread.
        boardThread = Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    for (String line : toPrint.take()) {
                        boardSide.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
                        boardSide.flush();
                    }
                }
            } catch (InterruptedException | IOException e) {
                // the test is over
            }
        });
        powerLine.onChange(high -> {
            if (!high) { // active low: low is on
                toPrint.add(script.get());
            }
        });
    }

    @AfterEach
    void close() {
        boardThread.interrupt();
        console.close();
        gpio.close();
    }

    private Board board(Duration bootDeadline, Duration provisionDeadline) {
        BoardProfile profile = new BoardProfile("board-a", Path.of("rig.yaml"), SerialSettings.of(new PortAddress.ByPath(Path.of("pipe"))),
                new GpioLines(new LineConfig(17, true), Optional.empty(), Map.of()), BoardMode.CONSOLE,
                new ConsolePatterns(Optional.of(Pattern.compile("^U-Boot")), Optional.of(Pattern.compile("assigned to (\\S+)")),
                        Optional.of(Pattern.compile("panic|registration failed"))),
                ProbeConfig.DEFAULT, Optional.empty(), new Deadlines(bootDeadline, provisionDeadline));
        return new Board(profile, new OutputPower("board-a", powerLine, true, clock, log), Optional.empty(), console, Map.of());
    }

    private List<String> transitions() {
        return log.events().stream()
                .filter(event -> event.kind().name().startsWith("TRANSITION") || event.kind() == RigEvent.Kind.POWER_ON
                        || event.kind() == RigEvent.Kind.POWER_OFF || event.kind() == RigEvent.Kind.NOTE)
                // durations are counted in the ticking clock's reads; order is what matters here
                .map(event -> (event.kind() + " " + event.detail().lines().findFirst().orElse("")).replaceAll(" in \\d+ ms$", ""))
                .toList();
    }

    @Test
    void consoleBoardGoesFromOffThroughBootedToProvisioned() {
        BoardStrategy strategy = BoardStrategy.console(board(PATIENT, PATIENT), clock, log);
        assertThat(strategy.state()).isEqualTo(BoardState.OFF);

        strategy.moveTo(BoardState.PROVISIONED);

        assertThat(strategy.state()).isEqualTo(BoardState.PROVISIONED);
        assertThat(strategy.failure()).isEmpty();
        assertThat(transitions()).containsExactly(
                "TRANSITION_STARTED OFF -> BOOTED (deadline 30000 ms)",
                "POWER_ON power",
                "TRANSITION_ENDED OFF -> BOOTED",
                "TRANSITION_STARTED BOOTED -> PROVISIONED (deadline 30000 ms)",
                "TRANSITION_ENDED BOOTED -> PROVISIONED");
        List<RigEvent> events = log.events();
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).at()).isAfter(events.get(i - 1).at());
        }
        assertThat(log.render()).contains("board-a CONSOLE_MATCHED /(?:assigned to (\\S+))|(?:panic|registration failed)/ dps: assigned to hub-1");
    }

    @Test
    void missedBootDeadlineLatchesBrokenUntilRecovered() {
        script.set(List.of("garbage \u0001\u0002", "still nothing"));
        BoardStrategy strategy = BoardStrategy.console(board(Duration.ofMillis(200), PATIENT), clock, log);

        assertThatThrownBy(() -> strategy.moveTo(BoardState.PROVISIONED))
                .isInstanceOf(RigException.class)
                .hasMessageStartingWith("board-a: OFF -> BOOTED failed: no line matching /(?:^U-Boot)|(?:panic|registration failed)/ on pipe within 200 ms")
                .hasMessageContaining("still nothing");
        assertThat(strategy.state()).isEqualTo(BoardState.BROKEN);
        assertThat(log.events(RigEvent.Kind.TRANSITION_FAILED)).singleElement()
                .satisfies(event -> assertThat(event.detail()).startsWith("OFF -> BOOTED: no line matching"));

        assertThatThrownBy(() -> strategy.moveTo(BoardState.BOOTED))
                .isInstanceOf(BoardBrokenException.class)
                .hasMessageStartingWith("board-a is broken since an earlier transition failed (board-a: OFF -> BOOTED failed: no line matching")
                .satisfies(e -> assertThat(((BoardBrokenException) e).original()).isSameAs(strategy.failure().orElseThrow()));
        assertThatThrownBy(() -> strategy.moveTo(BoardState.OFF)).isInstanceOf(BoardBrokenException.class);

        script.set(GOOD);
        strategy.recover();
        assertThat(strategy.state()).isEqualTo(BoardState.OFF);
        assertThat(strategy.board().power().isOn()).isFalse();
        strategy.moveTo(BoardState.PROVISIONED);

        assertThat(strategy.state()).isEqualTo(BoardState.PROVISIONED);
        assertThat(transitions()).containsSubsequence(
                "TRANSITION_FAILED OFF -> BOOTED: no line matching /(?:^U-Boot)|(?:panic|registration failed)/ on pipe within 200 ms; its last lines were:",
                "POWER_OFF power",
                "NOTE recovered from BROKEN by cutting the power; it had failed: board-a: OFF -> BOOTED failed: no line matching"
                        + " /(?:^U-Boot)|(?:panic|registration failed)/ on pipe within 200 ms; its last lines were:",
                "TRANSITION_STARTED OFF -> BOOTED (deadline 200 ms)",
                "TRANSITION_ENDED BOOTED -> PROVISIONED");
    }

    @Test
    void failurePatternFailsTheTransitionWithoutWaitingForTheDeadline() {
        script.set(List.of("U-Boot 2024.01", "dps: registration failed: 401 Unauthorized", "dps: assigned to hub-1"));
        BoardStrategy strategy = BoardStrategy.console(board(PATIENT, Duration.ofMinutes(10)), clock, log);

        assertThatThrownBy(() -> strategy.moveTo(BoardState.PROVISIONED))
                .hasMessageStartingWith("board-a: BOOTED -> PROVISIONED failed: board-a printed a failure while waiting for its provisioned"
                        + " pattern /assigned to (\\S+)/: 'dps: registration failed: 401 Unauthorized' matches /panic|registration failed/");
        assertThat(strategy.state()).isEqualTo(BoardState.BROKEN);
    }

    @Test
    void goingBackFromProvisionedToBootedPowerCyclesTheBoard() {
        BoardStrategy strategy = BoardStrategy.console(board(PATIENT, PATIENT), clock, log);
        strategy.moveTo(BoardState.PROVISIONED);

        strategy.moveTo(BoardState.BOOTED);

        assertThat(strategy.state()).isEqualTo(BoardState.BOOTED);
        assertThat(transitions()).endsWith(
                "TRANSITION_STARTED PROVISIONED -> OFF",
                "POWER_OFF power",
                "TRANSITION_ENDED PROVISIONED -> OFF",
                "TRANSITION_STARTED OFF -> BOOTED (deadline 30000 ms)",
                "POWER_ON power",
                "TRANSITION_ENDED OFF -> BOOTED");
    }

    @Test
    void provisioningStepIsPluggable() {
        AtomicReference<String> ran = new AtomicReference<>("not run");
        Board board = board(PATIENT, Duration.ofSeconds(42));
        BoardStrategy strategy = new BoardStrategy(board, ConsoleTransitions.boot(),
                (b, deadline) -> ran.set(b.name() + " within " + deadline.toSeconds() + " s"), clock, log);

        strategy.moveTo(BoardState.PROVISIONED);

        assertThat(ran.get()).isEqualTo("board-a within 42 s");
        assertThat(strategy.state()).isEqualTo(BoardState.PROVISIONED);
    }
}
