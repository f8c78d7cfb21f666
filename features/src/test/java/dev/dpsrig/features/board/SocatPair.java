package dev.dpsrig.features.board;

import dev.dpsrig.hil.RigListener;
import dev.dpsrig.hil.console.LineConsole;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Two pseudo-terminals joined by socat, as a serial cable between rig and board: {@code A} is the
 * rig's end, {@code B} the board's. Both ends are raw with no echo, so bytes pass unchanged.
 */
final class SocatPair implements AutoCloseable {
    private final Process socat;
    private final List<String> log = new CopyOnWriteArrayList<>();
    final Path rigEnd;
    final Path boardEnd;

    SocatPair(Path directory) throws IOException, InterruptedException {
        rigEnd = directory.resolve("A");
        boardEnd = directory.resolve("B");
        socat = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + rigEnd, "pty,raw,echo=0,link=" + boardEnd)
                .redirectErrorStream(true).start();
        CountDownLatch ready = new CountDownLatch(1);
        Thread.ofPlatform().daemon().name("socat-output").start(() -> { // blocking pipe read: not on a virtual thread
            try (BufferedReader out = new BufferedReader(new InputStreamReader(socat.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    log.add(line);
                    if (line.contains("starting data transfer loop")) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                log.add("socat output unreadable: " + e.getMessage());
            }
        });
        if (!ready.await(10, TimeUnit.SECONDS)) {
            socat.destroy();
            throw new IllegalStateException("socat did not join two ptys within 10 s; it said: " + log);
        }
    }

    /** A console over one end, opened with plain file streams as any non-jSerialComm reader would. */
    static LineConsole open(Path end, String board, RigListener listener) {
        try {
            FileInputStream in = new FileInputStream(end.toFile());
            FileOutputStream out = new FileOutputStream(end.toFile());
            return new LineConsole(end.toString(), board, in, out, Clock.systemUTC(), listener, () -> {
                in.close();
                out.close();
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends socat, which also ends any read still blocked on either pty. */
    @Override
    public void close() throws InterruptedException {
        socat.destroy();
        if (!socat.waitFor(10, TimeUnit.SECONDS)) {
            socat.destroyForcibly();
        }
    }
}
