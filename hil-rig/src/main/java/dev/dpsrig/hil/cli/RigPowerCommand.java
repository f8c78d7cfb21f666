package dev.dpsrig.hil.cli;

import dev.dpsrig.hil.Pause;
import dev.dpsrig.hil.Power;
import dev.dpsrig.hil.RigException;
import dev.dpsrig.hil.RigListener;
import dev.dpsrig.hil.config.BoardProfile;
import dev.dpsrig.hil.config.DurationText;
import dev.dpsrig.hil.config.RigFile;
import dev.dpsrig.hil.config.RigFiles;
import dev.dpsrig.hil.gpio.Gpio;
import dev.dpsrig.hil.rig.BoardLines;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code dpsrig rig power on|off|cycle BOARD}: switches one board's supply and leaves it so. */
@Command(name = "power", mixinStandardHelpOptions = true,
        description = {"Switch one board's supply: claims only that board's power line, switches it and prints the board, the line"
                + " and the state it is left in (cycle: off for --off-time, then on).",
                "The line keeps that state when the command exits (on the mock platform: for as long as the process lived).",
                "Exits 0 when switched, 1 if the line cannot be claimed or driven, 2 for a bad rig file, an unknown board or a GPIO"
                        + " platform that cannot start.",
                "Example: dpsrig rig power cycle gateway --rig rig.yaml --off-time 2s"})
public final class RigPowerCommand implements Callable<Integer> {
    /** What to do to the supply. */
    public enum Action {
        ON, OFF, CYCLE
    }

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACTION", converter = ActionName.class, description = "on, off or cycle.")
    private Action action;

    @Parameters(index = "1", paramLabel = "BOARD", description = "The board's name in the rig file.")
    private String board;

    @Option(names = "--rig", required = true, paramLabel = "FILE", description = "The rig file (YAML).")
    private Path rigFile;

    @Option(names = "--off-time", paramLabel = "DURATION", defaultValue = "1s", converter = OffTime.class,
            description = "cycle: how long the board stays off, e.g. 500ms, 2s (default: ${DEFAULT-VALUE}).")
    private Duration offTime;

    @Override
    public Integer call() {
        BoardProfile profile;
        Gpio gpio;
        try {
            RigFile rig = RigFiles.load(rigFile);
            profile = RigCommands.board(rig, board);
            gpio = Gpio.open(rig.gpio(), Clock.systemUTC(), RigListener.NONE);
        } catch (RigException e) {
            return RigCommands.refuse(spec, e);
        }
        String state;
        try (gpio) {
            state = switchPower(BoardLines.claimPowerLeftAsSet(profile, gpio, action == Action.ON, Clock.systemUTC(), RigListener.NONE));
        } catch (RigException e) {
            return RigCommands.fail(spec, e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(profile.name() + " power " + profile.gpio().power().describe() + " " + state);
        out.flush();
        return 0;
    }

    /** Switches the claimed supply as {@link #action} says; the state it is left in, read back from the line. */
    private String switchPower(Power power) {
        switch (action) {
            case ON -> power.on();
            case OFF -> power.off();
            case CYCLE -> {
                power.off();
                Pause.SLEEPING.pause(offTime);
                power.on();
            }
        }
        return (power.isOn() ? "on" : "off") + (action == Action.CYCLE ? " (was off for " + offTime.toMillis() + " ms)" : "");
    }

    /** {@code on}, {@code off} or {@code cycle}. */
    static final class ActionName implements ITypeConverter<Action> {
        @Override
        public Action convert(String value) {
            try {
                return Action.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("expected on, off or cycle, not '" + value + "'");
            }
        }
    }

    /** {@code --off-time}, written as in rig files. */
    static final class OffTime implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return DurationText.parse(value).orElseThrow(() -> new TypeConversionException("expected " + DurationText.EXPECTED
                        + ", not '" + value + "'"));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
