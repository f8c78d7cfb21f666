package dev.dpsrig.hil.serial;

import dev.dpsrig.hil.RigListener;
import dev.dpsrig.hil.console.LineConsole;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The far end of a pseudo-terminal pair opened as plain files, as a board's firmware sees its UART:
 * a console for lines, and the raw stream for bytes that are not lines.
 */
public record PlainEnd(LineConsole console, OutputStream raw) implements AutoCloseable {

    public static PlainEnd open(Path pty) throws IOException {
        FileInputStream in = new FileInputStream(pty.toFile());
        FileOutputStream out = new FileOutputStream(pty.toFile());
        LineConsole console = new LineConsole(pty.getFileName().toString(), "far end", in, out, Clock.systemUTC(), RigListener.NONE, () -> {
            in.close();
            out.close();
        });
        return new PlainEnd(console, out);
    }

    @Override
    public void close() {
        console.close();
    }
}
