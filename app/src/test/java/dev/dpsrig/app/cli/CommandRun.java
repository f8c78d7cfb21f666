package dev.dpsrig.app.cli;

import dev.dpsrig.app.cli.shared.ExitCodes;
import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * What one dpsrig command line gave: its exit code and what it printed on stdout and stderr. The static methods run one
 * in this JVM exactly as {@link Dpsrig#main} runs it (the root command with its usage-error and failure handlers),
 * except that they return instead of exiting.
 */
public record CommandRun(int exitCode, String out, String err) {

    /** {@code dpsrig ARGS...}. */
    public static CommandRun dpsrig(String... args) {
        return dpsrig(Dpsrig.commandLine(), new StringWriter(), new StringWriter(), args);
    }

    /** {@code dpsrig COMMAND ARGS... --data-dir DATA_DIR}: a command against the simulator whose data directory this is. */
    public static CommandRun against(Path dataDir, String command, String... args) {
        return dpsrig(line(command, args, "--data-dir", dataDir.toString()));
    }

    /** The arguments {@code COMMAND ARGS... TRAILING...}: a test's own arguments between those it always gives. */
    public static String[] line(String command, String[] args, String... trailing) {
        List<String> all = new ArrayList<>();
        all.add(command);
        all.addAll(List.of(args));
        all.addAll(List.of(trailing));
        return all.toArray(String[]::new);
    }

    /** {@code dpsrig ARGS...} printing into {@code out} and {@code err}, for a test that reads them while the command runs. */
    public static CommandRun dpsrig(StringWriter out, StringWriter err, String... args) {
        return dpsrig(Dpsrig.commandLine(), out, err, args);
    }

    /** {@code dpsrig ARGS...} with the commands {@code factory} makes, e.g. one given a fixed clock. */
    public static CommandRun dpsrig(CommandLine.IFactory factory, String... args) {
        return dpsrig(Dpsrig.commandLine(factory), new StringWriter(), new StringWriter(), args);
    }

    private static CommandRun dpsrig(CommandLine root, StringWriter out, StringWriter err, String... args) {
        root.setOut(new PrintWriter(out, true));
        root.setErr(new PrintWriter(err, true));
        int exitCode = root.execute(args);
        return new CommandRun(exitCode, out.toString(), err.toString());
    }

    /** Stderr's one line, once this run is known to be a usage error: exit code 2 and that one line, else an AssertionError. */
    public String usageErrorLine() {
        if (exitCode != ExitCodes.USAGE || err.lines().count() != 1) {
            throw new AssertionError("not a usage error: exit code " + exitCode + ", stderr: " + err + ", stdout: " + out);
        }
        return err.strip();
    }

    /** Stdout as the one JSON object it is ({@code -o json}). */
    public JsonObject json() {
        return Jsonp.createReader(new StringReader(out)).readObject();
    }

    /** Stdout as the one JSON array it is ({@code -o json} of a list). */
    public JsonArray array() {
        return Jsonp.createReader(new StringReader(out)).readArray();
    }
}
