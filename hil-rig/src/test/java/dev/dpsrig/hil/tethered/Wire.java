package dev.dpsrig.hil.tethered;

import dev.dpsrig.hil.RigEvent;
import dev.dpsrig.hil.console.LineConsole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Two consoles joined back to back through in-memory pipes: the rig's end and the board's. */
final class Wire implements AutoCloseable {
    final List<RigEvent> events = new CopyOnWriteArrayList<>();
    final LineConsole rig;
    final LineConsole board;

    Wire() {
        try {
            Pipe toBoard = Pipe.open();
            Pipe toRig = Pipe.open();
            rig = new LineConsole("rig-end", "board-1", Channels.newInputStream(toRig.source()),
                    Channels.newOutputStream(toBoard.sink()), Clock.systemUTC(), events::add, () -> {
                        toRig.source().close();
                        toBoard.sink().close();
                    });
            board = new LineConsole("board-end", "board-1", Channels.newInputStream(toBoard.source()),
                    Channels.newOutputStream(toRig.sink()), Clock.systemUTC(), event -> { }, () -> {
                        toBoard.source().close();
                        toRig.sink().close();
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> details(RigEvent.Kind kind) {
        return events.stream().filter(event -> event.kind() == kind).map(RigEvent::detail).toList();
    }

    @Override
    public void close() {
        board.close();
        rig.close();
    }
}
