package dev.dpsrig.hil.virtual;

import dev.dpsrig.hil.Console;
import dev.dpsrig.hil.ConsoleMatch;
import dev.dpsrig.hil.ConsoleTimeoutException;
import dev.dpsrig.hil.RigException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The command shell a console-mode board keeps on its UART next to whatever its firmware does: it echoes
 * every line it receives, as a console with local echo does, and answers a few commands, so that
 * {@code rig check} can probe the board ({@code version}) and a person at {@code rig console} can find
 * their way ({@code help}). It runs alongside the wrapped firmware from power-on until the power goes; when
 * the firmware returns, the shell stays.
 *
 * <pre>
 * version   fw &lt;version&gt;
 * help      commands: help, version
 * other     unknown command '&lt;other&gt;'; try help
 * </pre>
 */
public final class ConsoleShell implements Firmware {
    /** The answer to {@code help}. */
    public static final String HELP = "commands: help, version";
    private static final Pattern ANY_LINE = Pattern.compile("");
    /** How long the shell waits for a line at a time; a wait has an end, the loop goes on. */
    private static final Duration IDLE = Duration.ofHours(1);

    private final Firmware firmware;
    private final String version;

    private ConsoleShell(Firmware firmware, String version) {
        this.firmware = firmware;
        this.version = version;
    }

    /** {@code firmware} with a shell beside it that reports {@code version}. */
    public static ConsoleShell around(Firmware firmware, String version) {
        return new ConsoleShell(firmware, version);
    }

    /** The shell's answer to {@code command}; empty for an empty line, which is only echoed. */
    public String answer(String command) {
        String word = command.strip();
        return switch (word) {
            case "" -> "";
            case "version" -> "fw " + version;
            case "help" -> HELP;
            default -> "unknown command '" + word + "'; try help";
        };
    }

    @Override
    public void run(Console line) throws InterruptedException {
        Thread shell = Thread.ofVirtual().name(Thread.currentThread().getName() + "-shell").start(() -> serve(line));
        try {
            firmware.run(line);
            shell.join();
        } finally {
            shell.interrupt();
        }
    }

    private void serve(Console line) {
        while (!Thread.currentThread().isInterrupted()) {
            ConsoleMatch received;
            long waiting = System.nanoTime();
            try {
                received = line.expect(ANY_LINE, IDLE);
            } catch (RigException e) {
                if (e instanceof ConsoleTimeoutException && System.nanoTime() - waiting >= IDLE.toNanos()) {
                    continue; // a quiet hour
                }
                return; // the power went (an interrupt) or the line is gone
            }
            line.sendLine(received.line());
            String answer = answer(received.line());
            if (!answer.isEmpty()) {
                line.sendLine(answer);
            }
        }
    }
}
