package dev.dpsrig.hil.virtual;

import dev.dpsrig.hil.RigException;
import dev.dpsrig.hil.RigListener;
import dev.dpsrig.hil.console.LineConsole;
import dev.dpsrig.hil.pty.PtyPair;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * A serial cable made of one pseudo-terminal pair, opened by this JVM: what one end writes the other reads,
 * byte for byte. The rig's end is the pair's terminal, a real {@code /dev/pts/N} the rig opens as it would a
 * USB adapter (optionally reached through a symlink at a path asked for, so the rig can be told a fixed port
 * name while the kernel picks N); the board's end is the pair's master, held here ({@link #boardIn()},
 * {@link #boardOut()}). As a board on a UART, the board's end outlives the rig closing and opening its port:
 * it hears nothing while the port is closed, and what it sends meanwhile is lost. Closing the modem closes
 * the pair, so the board reads end of input and whoever has the rig's end open is told the line is gone, and
 * removes the link.
 */
public final class NullModem implements AutoCloseable {
    private final PtyPair pair;
    private final Optional<Path> link;

    private NullModem(PtyPair pair, Optional<Path> link) {
        this.pair = pair;
        this.link = link;
    }

    /**
     * A pair whose rig end is the terminal itself.
     *
     * @throws RigException when no pseudo-terminal can be opened (e.g. not on Linux or macOS)
     */
    public static NullModem open() {
        return new NullModem(PtyPair.open(), Optional.empty());
    }

    /**
     * A pair whose rig end is also reachable as {@code link}, a symlink to the terminal that must not exist yet
     * and is removed on {@link #close()}.
     *
     * @throws RigException naming what is wrong: the path taken, its folder missing, no pseudo-terminal
     */
    public static NullModem open(Path link) {
        if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            throw new RigException(link + ": already exists; a pseudo-terminal link needs a free path");
        }
        PtyPair pair = PtyPair.open();
        try {
            Files.createSymbolicLink(link, pair.terminal());
        } catch (FileAlreadyExistsException e) {
            pair.close();
            throw new RigException(link + ": already exists; a pseudo-terminal link needs a free path", e);
        } catch (NoSuchFileException e) {
            pair.close();
            throw new RigException(link + ": cannot link it to the pseudo-terminal " + pair.terminal() + ": no folder "
                    + link.toAbsolutePath().getParent(), e);
        } catch (IOException | UnsupportedOperationException e) {
            pair.close();
            throw new RigException(link + ": cannot link it to the pseudo-terminal " + pair.terminal() + ": " + e.getMessage(), e);
        }
        return new NullModem(pair, Optional.of(link));
    }

    /** What the rig opens: the link when there is one, otherwise the terminal. */
    public Path rigEnd() {
        return link.orElse(pair.terminal());
    }

    /** The terminal, {@code /dev/pts/N}. */
    public Path terminal() {
        return pair.terminal();
    }

    /** What the rig sends, across any number of openings of its end; end of input once the modem is closed. */
    public InputStream boardIn() {
        return pair.in();
    }

    /** What the rig receives. */
    public OutputStream boardOut() {
        return pair.out();
    }

    /** The board's end in messages and events. */
    public String boardName() {
        return "master of " + pair.terminal();
    }

    /** A console over the board's end, which closes the modem when it is closed. */
    public LineConsole boardConsole(String board, Clock clock, RigListener listener) {
        return new LineConsole(boardName(), board, pair.in(), pair.out(), clock, listener, this);
    }

    public boolean isOpen() {
        return pair.isOpen();
    }

    /** Bytes the board wrote that the rig could not receive: its end was closed, or not read. */
    public long droppedBytes() {
        return pair.droppedBytes();
    }

    @Override
    public void close() {
        pair.close();
        link.ifPresent(this::unlink);
    }

    /** Removes the link if it is still the one made here. */
    private void unlink(Path path) {
        try {
            if (Files.isSymbolicLink(path) && Files.readSymbolicLink(path).equals(pair.terminal())) {
                Files.delete(path);
            }
        } catch (IOException e) {
            // Another process replaced or removed it; it is not ours to touch.
        }
    }

    @Override
    public String toString() {
        return "null modem " + rigEnd() + (link.isPresent() ? " -> " + pair.terminal() : "");
    }
}
