package dev.dpsrig.features.board;

import dev.dpsrig.hil.Pause;
import dev.dpsrig.hil.RigListener;
import dev.dpsrig.hil.board.Board;
import dev.dpsrig.hil.board.BoardLog;
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
import dev.dpsrig.hil.rig.BoardLines;
import dev.dpsrig.hil.serial.PortAddress;
import dev.dpsrig.hil.serial.SerialPorts;
import dev.dpsrig.hil.serial.SerialSettings;
import dev.dpsrig.hil.virtual.BootLog;
import dev.dpsrig.hil.virtual.ConsoleShell;
import dev.dpsrig.hil.virtual.Firmware;
import dev.dpsrig.hil.virtual.NullModem;
import dev.dpsrig.hil.virtual.VirtualBoard;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Virtual boards wired the way real ones are: each gets a pseudo-terminal pair of its own, its terminal
 * ({@code /dev/pts/N}) opened by the rig through the jSerialComm driver and its master held by the virtual
 * board; its power relay is a Pi4J mock output the board watches. So a scenario on the virtual bench runs
 * the rig's real serial and GPIO drivers, only the board is emulated.
 */
public final class VirtualBench implements Bench {
    /** Console patterns matching the virtual board's boot log and the provisioning firmware's lines. */
    static ConsolePatterns patterns(String name) {
        return new ConsolePatterns(Optional.of(Pattern.compile("^Booting " + Pattern.quote(name) + " ")),
                Optional.of(Pattern.compile("^dps: assigned hub=(\\S+) deviceId=(\\S+)")), Optional.of(Pattern.compile("^dps: failed ")));
    }

    /** What a virtual console board answers to {@code version}: {@code fw virtual}. */
    private static final String FIRMWARE_VERSION = "virtual";
    private static final int FIRST_POWER_PIN = 17;
    private static final Deadlines DEADLINES = new Deadlines(Duration.ofSeconds(15), Duration.ofSeconds(45));

    private final Clock clock;
    private final RigListener listener;
    private final BoardTransitions transitions;
    private final Gpio gpio;
    private final Map<String, BoardUnderTest> boards = new LinkedHashMap<>();
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private int nextPin = FIRST_POWER_PIN;

    public VirtualBench(Clock clock, RigListener listener, BoardTransitions transitions) {
        this.clock = clock;
        this.listener = listener;
        this.transitions = transitions;
        this.gpio = Gpio.open(GpioPlatform.MOCK, clock, listener);
    }

    @Override
    public synchronized BoardUnderTest board(String name, BoardMode mode, Supplier<Firmware> firmware) {
        BoardUnderTest existing = boards.get(name);
        if (existing != null) {
            return existing;
        }
        BoardLog log = new BoardLog();
        RigListener both = event -> {
            log.event(event);
            listener.event(event);
        };
        // Built before any line is opened: building it may fail, and nothing is left open then.
        // A console board keeps a shell on its UART.
        Firmware runs = mode == BoardMode.CONSOLE ? ConsoleShell.around(firmware.get(), FIRMWARE_VERSION) : firmware.get();
        NullModem modem = NullModem.open();
        toClose.push(modem);
        BoardProfile profile = new BoardProfile(name, Path.of("virtual bench", name), SerialSettings.of(new PortAddress.ByPath(modem.rigEnd())),
                new GpioLines(new LineConfig(nextPin++, false), Optional.empty(), Map.of()), mode, patterns(name), ProbeConfig.DEFAULT,
                Optional.empty(), DEADLINES);
        BoardLines lines = BoardLines.claim(profile, gpio, clock, Pause.SLEEPING, both);
        LineConsole console = SerialPorts.open(profile.serial(), name, clock, both);
        toClose.push(console);
        VirtualBoard virtual = VirtualBoard.builder(name, modem.boardIn(), modem.boardOut(), gpio.line(profile.gpio().power().pin()), runs)
                .bootLog(BootLog.standard(name)).clock(clock).listener(both).start();
        toClose.push(virtual);
        Board board = new Board(profile, lines.power(), lines.reset(), console, lines.inputs());
        BoardUnderTest underTest = new BoardUnderTest(board, transitions.strategy(board, clock, both), log, Optional.of(virtual));
        boards.put(name, underTest);
        return underTest;
    }

    @Override
    public String describe() {
        return "virtual boards on pseudo-terminals, power on Pi4J mock outputs";
    }

    /** Boards off first, then the rig's consoles and lines, the pseudo-terminal pairs last (closing one ends its board's reader). */
    @Override
    public synchronized void close() {
        RuntimeException first = null;
        while (!toClose.isEmpty()) {
            try {
                toClose.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = new IllegalStateException("could not take down the virtual bench: " + e.getMessage(), e);
                }
            }
        }
        gpio.close();
        if (first != null) {
            throw first;
        }
    }
}
