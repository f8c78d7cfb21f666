package dev.dpsrig.hil.rig;

import dev.dpsrig.hil.DigitalInput;
import dev.dpsrig.hil.Pause;
import dev.dpsrig.hil.Power;
import dev.dpsrig.hil.Reset;
import dev.dpsrig.hil.RigListener;
import dev.dpsrig.hil.config.BoardProfile;
import dev.dpsrig.hil.config.GpioLines;
import dev.dpsrig.hil.config.LineConfig;
import dev.dpsrig.hil.gpio.Gpio;
import dev.dpsrig.hil.power.OutputPower;
import dev.dpsrig.hil.power.PulseReset;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A board's GPIO capabilities, claimed from the rig's {@link Gpio} as its profile wires them. */
public record BoardLines(Power power, Optional<Reset> reset, Map<String, DigitalInput> inputs) {
    public BoardLines {
        inputs = Map.copyOf(inputs);
    }

    /** Claims the lines with the board unpowered and out of reset. */
    public static BoardLines claim(BoardProfile profile, Gpio gpio, Clock clock, Pause pause, RigListener listener) {
        String board = profile.name();
        GpioLines lines = profile.gpio();
        boolean powerActiveLow = lines.power().activeLow();
        Power power = new OutputPower(board, gpio.output(board, "power", lines.power().pin(), OutputPower.offLevel(powerActiveLow)),
                powerActiveLow, clock, listener);
        Optional<Reset> reset = lines.reset().map(line -> new PulseReset(board,
                gpio.output(board, "reset", line.line().pin(), PulseReset.releasedLevel(line.line().activeLow())),
                line.line().activeLow(), line.pulse(), pause, clock, listener));
        Map<String, DigitalInput> inputs = new LinkedHashMap<>();
        lines.inputs().forEach((name, line) -> inputs.put(name, gpio.input(board, name, line.pin())));
        return new BoardLines(power, reset, inputs);
    }

    /**
     * Claims only the board's power switch, the supply {@code on} or off at once, for a command that switches
     * it and exits: the line keeps its last level when the rig releases it.
     */
    public static Power claimPowerLeftAsSet(BoardProfile profile, Gpio gpio, boolean on, Clock clock, RigListener listener) {
        LineConfig line = profile.gpio().power();
        boolean offLevel = OutputPower.offLevel(line.activeLow());
        return new OutputPower(profile.name(), gpio.outputLeftAsSet(profile.name(), "power", line.pin(), on != offLevel),
                line.activeLow(), clock, listener);
    }
}
