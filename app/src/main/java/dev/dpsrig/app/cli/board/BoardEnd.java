package dev.dpsrig.app.cli.board;

import dev.dpsrig.hil.console.PseudoTerminal;
import dev.dpsrig.hil.virtual.NullModem;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The board's end of the line: a terminal given, or the master of a pseudo-terminal pair made here, whose
 * terminal (the rig's end) is linked at the path the rig is told.
 *
 * @param name the line's name in the board's events
 * @param description where the board is, for the line the command prints when it starts
 */
record BoardEnd(String name, String description, InputStream in, OutputStream out, Runnable closer) implements AutoCloseable {

    static BoardEnd given(Path pty) {
        PseudoTerminal terminal = PseudoTerminal.open(pty);
        return new BoardEnd(pty.toString(), pty.toString(), terminal.in(), terminal.out(), terminal::close);
    }

    static BoardEnd linked(Path rigEnd) {
        NullModem modem = NullModem.open(rigEnd);
        return new BoardEnd(modem.boardName(), "a pseudo-terminal pair, the rig's end is " + rigEnd + " (" + modem.terminal() + ")",
                modem.boardIn(), modem.boardOut(), modem::close);
    }

    @Override
    public void close() {
        closer.run();
    }
}
