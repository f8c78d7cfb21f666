package dev.dpsrig.hil.cli;

import dev.dpsrig.hil.RigException;
import dev.dpsrig.hil.config.BoardProfile;
import dev.dpsrig.hil.config.RigFile;
import dev.dpsrig.hil.config.RigFiles;
import dev.dpsrig.hil.console.ConsoleSession;
import dev.dpsrig.hil.console.SessionLog;
import dev.dpsrig.hil.serial.SerialLine;
import dev.dpsrig.hil.serial.SerialPorts;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dpsrig rig console BOARD}: a person at one board's serial console, both directions logged. */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = {"Talk to one board's serial console: what the board prints goes to standard output as it arrives, each line"
                + " typed goes to the board. Ends at Ctrl-D (end of input), Ctrl-C or a line that is only ~. (as in cu).",
                "Both directions are logged with timestamps ('>' sent, '<' received) to --log, by default"
                        + " rig-logs/BOARD-<UTC time>.log. The board's power is left as it is.",
                "Exits 0 when the session ends, 1 if the line fails during it, 2 for a bad rig file, an unknown board or a port"
                        + " that cannot be opened.",
                "Example: dpsrig rig console gateway --rig rig.yaml"})
public final class RigConsoleCommand implements Callable<Integer> {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final InputStream keyboard;
    private final OutputStream screen;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BOARD", description = "The board's name in the rig file.")
    private String board;

    @Option(names = "--rig", required = true, paramLabel = "FILE", description = "The rig file (YAML).")
    private Path rigFile;

    @Option(names = "--log", paramLabel = "FILE",
            description = "Where to log the session (appended to; default: rig-logs/BOARD-<UTC time>.log).")
    private Path logFile;

    /** A console on the terminal the command runs in. */
    public RigConsoleCommand() {
        this(System.in, System.out);
    }

    /** A console reading lines to send from {@code keyboard} and showing the board on {@code screen}. */
    public RigConsoleCommand(InputStream keyboard, OutputStream screen) {
        this.keyboard = keyboard;
        this.screen = screen;
    }

    @Override
    public Integer call() {
        Clock clock = Clock.systemUTC();
        BoardProfile profile;
        SerialLine line;
        try {
            RigFile rig = RigFiles.load(rigFile);
            profile = RigCommands.board(rig, board);
            line = SerialPorts.openLine(profile.serial(), profile.name());
        } catch (RigException e) {
            return RigCommands.refuse(spec, e);
        }
        Path log = logFile != null ? logFile : Path.of("rig-logs", profile.name() + "-" + STAMP.format(clock.instant()) + ".log");
        try (AutoCloseable port = line.closer(); SessionLog session = SessionLog.open(log, clock)) {
            session.note("console of " + profile.name() + " on " + line.name() + " " + profile.serial().framing());
            PrintWriter err = spec.commandLine().getErr();
            err.println(profile.name() + ": connected to " + line.name() + " " + profile.serial().framing() + ", logging to " + log
                    + "; end with Ctrl-D or ~.");
            err.flush();
            new ConsoleSession(line.in(), line.out(), session)
                    .run(new BufferedReader(new InputStreamReader(keyboard, StandardCharsets.UTF_8)), screen);
        } catch (RigException e) {
            return RigCommands.fail(spec, e);
        } catch (Exception e) {
            return RigCommands.fail(spec, new RigException("could not close " + line.name() + ": " + e.getMessage(), e));
        }
        return 0;
    }
}
