package dev.dpsrig.hil.virtual;

import dev.dpsrig.hil.Pause;
import dev.dpsrig.hil.Console;
import dev.dpsrig.hil.DigitalLine;
import dev.dpsrig.hil.RigEvent;
import dev.dpsrig.hil.RigException;
import dev.dpsrig.hil.RigListener;
import dev.dpsrig.hil.console.LineConsole;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A board that exists only in software, on its end of a serial line, for rigs without hardware and for
 * CI. It behaves as a board on a relay does: while its power line is low it says nothing and ignores what
 * it is sent; when the line goes high it prints its {@link BootLog} and then runs its {@link Firmware}
 * until the line goes low again, which interrupts the firmware mid-sentence. {@link #faults()} makes it
 * misbehave on demand: line noise, a reply held back, a reboot in the middle of something.
 *
 * <p>Every power-up is a new generation: output from a firmware thread of an earlier generation is
 * dropped, so nothing an interrupted firmware still tries to write reaches the line once the power is off.
 * What the board did (power, boot, faults, firmware ending) is kept as {@link RigEvent}s, see {@link #log()}.
 *
 * <pre>{@code
 * WireOutput power = new WireOutput("power", false);
 * try (NullModem line = NullModem.open();   // the rig opens line.rigEnd(), a /dev/pts/N
 *      VirtualBoard board = VirtualBoard.builder("dut-1", line.boardIn(), line.boardOut(), power, firmware).start()) {
 *     power.set(true);     // prints "Booting dut-1 ...", ..., "dut-1 ready", then runs the firmware
 *     board.faults().rebootAfter(Pattern.compile("dps: registering"));
 * }
 * }</pre>
 */
public final class VirtualBoard implements AutoCloseable {
    private final String name;
    private final BootLog bootLog;
    private final Duration bootDelay;
    private final Firmware firmware;
    private final Clock clock;
    private final Pause pause;
    private final RigListener listener;
    private final OutputStream out;
    private final LineConsole line;
    private final DigitalLine power;
    private final BoardFaults faults;

    /** Guards the generation and every write to the line, so that a power cut and a write never interleave. */
    private final ReentrantLock state = new ReentrantLock();
    private final List<RigEvent> log = new ArrayList<>();
    private long generation;
    private boolean powered;
    private Optional<Thread> running = Optional.empty();
    private DigitalLine.Subscription subscription = () -> { };

    private VirtualBoard(Builder builder) {
        this.name = builder.name;
        this.bootLog = builder.bootLog;
        this.bootDelay = builder.bootDelay;
        this.firmware = builder.firmware;
        this.clock = builder.clock;
        this.pause = builder.pause;
        this.listener = builder.listener;
        this.out = builder.out;
        this.power = builder.power;
        this.line = new LineConsole(builder.lineName, name, builder.in, builder.out, clock, builder.listener, builder.onClose);
        this.faults = new BoardFaults(this, builder.seed);
    }

    /**
     * A board named {@code name} whose end of the line is {@code in}/{@code out} (e.g. a {@link NullModem}'s
     * board end, or a {@link dev.dpsrig.hil.console.PseudoTerminal}'s streams) and whose supply follows {@code power}.
     */
    public static Builder builder(String name, InputStream in, OutputStream out, DigitalLine power, Firmware firmware) {
        return new Builder(name, in, out, power, firmware);
    }

    public String name() {
        return name;
    }

    public boolean isPowered() {
        state.lock();
        try {
            return powered;
        } finally {
            state.unlock();
        }
    }

    /** Fault injection on this board. */
    public BoardFaults faults() {
        return faults;
    }

    /** What the board did so far, oldest first. */
    public List<RigEvent> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** Stops following the power line, cuts the power and releases the line. */
    @Override
    public void close() {
        subscription.close();
        powerOff();
        line.close();
    }

    private VirtualBoard follow() {
        subscription = power.onChange(high -> {
            if (high) {
                powerOn();
            } else {
                powerOff();
            }
        });
        if (power.isHigh()) {
            powerOn();
        }
        return this;
    }

    private void powerOn() {
        state.lock();
        try {
            if (powered) {
                return;
            }
            powered = true;
            record(RigEvent.Kind.POWER_ON, power.name());
            bootLocked("power-on");
        } finally {
            state.unlock();
        }
    }

    private void powerOff() {
        state.lock();
        try {
            if (!powered) {
                return;
            }
            powered = false;
            generation++;
            running.ifPresent(Thread::interrupt);
            running = Optional.empty();
            record(RigEvent.Kind.POWER_OFF, power.name());
        } finally {
            state.unlock();
        }
    }

    /** A reset from inside (a watchdog, a crash): the firmware stops where it is and the board boots again. */
    void reboot(String cause) {
        state.lock();
        try {
            if (!powered) {
                return;
            }
            running.ifPresent(Thread::interrupt);
            record(RigEvent.Kind.RESET, cause);
            bootLocked("software reset");
        } finally {
            state.unlock();
        }
    }

    private void bootLocked(String cause) {
        long current = ++generation;
        // What the rig sent while the board was off, or to the firmware that just died, is lost as on a real UART.
        line.discardPending();
        running = Optional.of(Thread.ofVirtual().name(name + "-gen" + current).start(() -> run(current, cause)));
    }

    private void run(long ownGeneration, String cause) {
        FirmwareConsole console = new FirmwareConsole(this, ownGeneration);
        try {
            record(RigEvent.Kind.NOTE, "boot (" + cause + ")");
            List<String> lines = bootLog.lines(cause);
            Duration step = bootDelay.dividedBy(Math.max(1, lines.size() - 1));
            for (int i = 0; i < lines.size(); i++) {
                if (i > 0) {
                    pause.await(step);
                }
                writeLine(ownGeneration, lines.get(i));
            }
            record(RigEvent.Kind.NOTE, "firmware started");
            firmware.run(console);
            if (isCurrent(ownGeneration)) {
                record(RigEvent.Kind.NOTE, "firmware returned");
            }
        } catch (InterruptedException e) {
            // The power went or the board rebooted: the firmware just stops.
        } catch (RuntimeException e) {
            if (isCurrent(ownGeneration) && !Thread.currentThread().isInterrupted()) {
                record(RigEvent.Kind.NOTE, "firmware crashed: " + e);
                writeLine(ownGeneration, "panic: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString()));
            }
        }
    }

    boolean isCurrent(long ownGeneration) {
        state.lock();
        try {
            return powered && generation == ownGeneration;
        } finally {
            state.unlock();
        }
    }

    /** Writes one line for generation {@code ownGeneration}; false (and nothing written) when that generation is over. */
    boolean writeLine(long ownGeneration, String text) {
        state.lock();
        try {
            if (!powered || generation != ownGeneration) {
                return false;
            }
            line.sendLine(text);
            return true;
        } finally {
            state.unlock();
        }
    }

    /** Writes raw bytes (line noise) if the board is powered; false when it is not. */
    boolean writeRaw(byte[] bytes) {
        state.lock();
        try {
            if (!powered) {
                return false;
            }
            synchronized (out) {
                out.write(bytes);
                out.flush();
            }
            return true;
        } catch (IOException e) {
            throw new RigException("could not write to " + line.name() + ": " + e.getMessage(), e);
        } finally {
            state.unlock();
        }
    }

    /** The current generation's view of the line, for faults that act on what the firmware does next. */
    long generation() {
        state.lock();
        try {
            return generation;
        } finally {
            state.unlock();
        }
    }

    Console line() {
        return line;
    }

    Pause pause() {
        return pause;
    }

    void record(RigEvent.Kind kind, String detail) {
        RigEvent event = new RigEvent(clock.instant(), name, kind, detail);
        synchronized (log) {
            log.add(event);
        }
        listener.event(event);
    }

    /** How a virtual board is put together; {@link #start()} makes it follow its power line. */
    public static final class Builder {
        private final String name;
        private final InputStream in;
        private final OutputStream out;
        private final DigitalLine power;
        private final Firmware firmware;
        private String lineName;
        private BootLog bootLog;
        private Duration bootDelay = Duration.ofMillis(200);
        private Clock clock = Clock.systemUTC();
        private Pause pause = Pause.SLEEPING;
        private RigListener listener = RigListener.NONE;
        private AutoCloseable onClose = () -> { };
        private long seed = 1;

        private Builder(String name, InputStream in, OutputStream out, DigitalLine power, Firmware firmware) {
            this.name = name;
            this.in = in;
            this.out = out;
            this.power = power;
            this.firmware = firmware;
            this.lineName = name + " serial";
            this.bootLog = BootLog.standard(name);
        }

        /** The line's name in messages and events, e.g. {@link NullModem#boardName()}. */
        public Builder lineName(String value) {
            this.lineName = value;
            return this;
        }

        public Builder bootLog(BootLog value) {
            this.bootLog = value;
            return this;
        }

        /** How long the boot log takes from banner to ready line (default 200 ms). */
        public Builder bootDelay(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("a boot delay cannot be negative: " + value);
            }
            this.bootDelay = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public Builder pause(Pause value) {
            this.pause = value;
            return this;
        }

        /** Receives the board's events and every line it writes. */
        public Builder listener(RigListener value) {
            this.listener = value;
            return this;
        }

        /** Released when the board is closed, e.g. the null modem or pseudo-terminal the streams belong to. */
        public Builder onClose(AutoCloseable value) {
            this.onClose = value;
            return this;
        }

        /** Seeds the line noise, so a failing run can be repeated byte for byte. */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Starts listening to the line and follows the power line; boots at once if it is already high. */
        public VirtualBoard start() {
            return new VirtualBoard(this).follow();
        }
    }
}
