package dev.dpsrig.hil.serial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Two pseudo-terminals joined by socat, like the two ends of a serial cable: links {@code a} and
 * {@code b} in {@code dir}.
 */
public final class SocatPair implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(30);

    private final Process socat;
    private final Path a;
    private final Path b;

    public SocatPair(Path dir, String name) throws IOException, InterruptedException {
        a = dir.resolve(name + "-a");
        b = dir.resolve(name + "-b");
        socat = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + "-socat.log").toFile())
                .start();
        long deadline = System.nanoTime() + START.toNanos();
        while (!(Files.exists(a) && Files.exists(b))) {
            if (!socat.isAlive() || System.nanoTime() > deadline) {
                socat.destroy();
                throw new IllegalStateException("socat did not create " + a + " and " + b + " within " + START.toSeconds() + " s: "
                        + Files.readString(dir.resolve(name + "-socat.log")));
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    public Path a() {
        return a;
    }

    public Path b() {
        return b;
    }

    @Override
    public void close() {
        socat.destroy();
        try {
            socat.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
