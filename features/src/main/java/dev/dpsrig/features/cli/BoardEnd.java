package dev.dpsrig.features.cli;

import dev.dpsrig.hil.virtual.NullModem;
import dev.dpsrig.hil.Pause;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The board's end of the line: a terminal given, or one end of a socat pair made in a folder of its own. */
record BoardEnd(Path path, Optional<NullModem> modem, Optional<Path> folder) implements AutoCloseable {
    private static final Duration LINK_TIMEOUT = Duration.ofSeconds(10);

    static BoardEnd given(Path pty) {
        return new BoardEnd(pty, Optional.empty(), Optional.empty());
    }

    static BoardEnd linked(Path rigEnd) {
        Path folder = temporaryDirectory();
        try {
            NullModem modem = NullModem.start(rigEnd, folder.resolve("board"), LINK_TIMEOUT, Pause.SLEEPING);
            return new BoardEnd(modem.boardEnd(), Optional.of(modem), Optional.of(folder));
        } catch (RuntimeException e) {
            deleteQuietly(folder);
            throw e;
        }
    }

    @Override
    public void close() {
        modem.ifPresent(NullModem::close);
        folder.ifPresent(BoardEnd::deleteQuietly);
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("dpsrig-board-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a folder for the board's end of the line: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // A temporary folder left behind holds only a dead link.
        }
    }
}
