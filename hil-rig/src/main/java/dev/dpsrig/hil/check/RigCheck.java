package dev.dpsrig.hil.check;

import dev.dpsrig.hil.Pause;
import dev.dpsrig.hil.RigException;
import dev.dpsrig.hil.RigListener;
import dev.dpsrig.hil.board.Board;
import dev.dpsrig.hil.config.BoardProfile;
import dev.dpsrig.hil.config.RigFile;
import dev.dpsrig.hil.console.LineConsole;
import dev.dpsrig.hil.gpio.Gpio;
import dev.dpsrig.hil.rig.BoardLines;
import dev.dpsrig.hil.serial.SerialPorts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Probes every board of a rig before a scenario relies on it: its GPIO lines can be claimed, its serial
 * port opens, and it answers its probe. Each board is checked on its own, so one dead board does not
 * hide the state of the others; boards are left unpowered.
 */
public final class RigCheck {
    private final Clock clock;
    private final Pause pause;
    private final RigListener listener;
    private final BoardProbes probes;

    public RigCheck(Clock clock, Pause pause, RigListener listener, BoardProbes probes) {
        this.clock = clock;
        this.pause = pause;
        this.listener = listener;
        this.probes = probes;
    }

    public List<CheckRow> check(RigFile rig) {
        List<CheckRow> rows = new ArrayList<>();
        try (Gpio gpio = Gpio.open(rig.gpio(), clock, listener)) {
            for (BoardProfile profile : rig.boards()) {
                rows.add(check(profile, gpio));
            }
        }
        return rows;
    }

    private CheckRow check(BoardProfile profile, Gpio gpio) {
        List<String> problems = new ArrayList<>();
        Optional<BoardLines> lines = attempt(problems, "lines", () -> BoardLines.claim(profile, gpio, clock, pause, listener));
        Optional<LineConsole> console = attempt(problems, "port", () -> SerialPorts.open(profile.serial(), profile.name(), clock, listener));
        String answer = "-";
        if (lines.isPresent() && console.isPresent()) {
            Board board = new Board(profile, lines.get().power(), lines.get().reset(), console.get(), lines.get().inputs());
            try {
                answer = probes.forMode(profile.mode()).probe(board);
            } catch (RigException e) {
                problems.add("answer: " + e.getMessage());
                answer = "no answer";
            }
        }
        lines.ifPresent(claimed -> claimed.power().off());
        console.ifPresent(LineConsole::close);
        return new CheckRow(profile.name(),
                profile.serial().port() + " " + profile.serial().framing() + (console.isPresent() ? "" : " (cannot open)"),
                describeLines(profile) + (lines.isPresent() ? "" : " (cannot claim)"),
                answer, problems);
    }

    private static <T> Optional<T> attempt(List<String> problems, String what, java.util.function.Supplier<T> action) {
        try {
            return Optional.of(action.get());
        } catch (RigException e) {
            problems.add(what + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private static String describeLines(BoardProfile profile) {
        List<String> lines = new ArrayList<>();
        lines.add("power " + profile.gpio().power().describe());
        profile.gpio().reset().ifPresent(reset -> lines.add("reset " + reset.line().describe()));
        profile.gpio().inputs().forEach((name, line) -> lines.add(name + " " + line.describe()));
        return lines.stream().collect(Collectors.joining(", "));
    }
}
