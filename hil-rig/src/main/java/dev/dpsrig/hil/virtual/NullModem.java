package dev.dpsrig.hil.virtual;

import dev.dpsrig.hil.Pause;
import dev.dpsrig.hil.RigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A serial cable between two pseudo-terminals, made by {@code socat}: what one end writes the other
 * reads. Each end is reached through a symlink at the path asked for, so the rig can be told a fixed
 * port name while the kernel picks {@code /dev/pts/N}. Closing stops {@code socat}, which removes the links.
 */
public final class NullModem implements AutoCloseable {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(20);
    private static final int MAX_LOG_CHARS = 4096;

    private final Process socat;
    private final StringBuilder log;
    private final Path rigEnd;
    private final Path boardEnd;

    private NullModem(Process socat, StringBuilder log, Path rigEnd, Path boardEnd) {
        this.socat = socat;
        this.log = log;
        this.rigEnd = rigEnd;
        this.boardEnd = boardEnd;
    }

    /**
     * Starts {@code socat} with links at {@code rigEnd} and {@code boardEnd} (which must not exist yet) and
     * waits until both are there.
     *
     * @throws RigException naming what is wrong: socat missing, a path taken, socat failing or too slow
     */
    public static NullModem start(Path rigEnd, Path boardEnd, Duration timeout, Pause pause) {
        for (Path end : new Path[] {rigEnd, boardEnd}) {
            if (Files.exists(end, LinkOption.NOFOLLOW_LINKS)) {
                throw new RigException(end + ": already exists; a pseudo-terminal link needs a free path");
            }
        }
        Process socat;
        try {
            socat = new ProcessBuilder("socat", "-d", "-d", end(rigEnd), end(boardEnd)).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new RigException("socat is not installed (or not on the PATH): it makes the pseudo-terminal pair;"
                    + " install it (e.g. apt-get install socat): " + e.getMessage(), e);
        }
        StringBuilder log = new StringBuilder();
        Thread.ofVirtual().name("socat-log").start(() -> drain(socat.getInputStream(), log));
        NullModem modem = new NullModem(socat, log, rigEnd, boardEnd);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!(Files.exists(rigEnd) && Files.exists(boardEnd))) {
                if (!socat.isAlive()) {
                    throw new RigException("socat ended with exit code " + socat.exitValue() + " before making "
                            + rigEnd + " and " + boardEnd + ": " + modem.log());
                }
                if (System.nanoTime() > deadline) {
                    throw new RigException("socat did not make " + rigEnd + " and " + boardEnd + " within "
                            + timeout.toMillis() + " ms: " + modem.log());
                }
                pause.await(POLL);
            }
            return modem;
        } catch (InterruptedException e) {
            modem.close();
            Thread.currentThread().interrupt();
            throw new RigException("interrupted while waiting for socat to make " + rigEnd + " and " + boardEnd, e);
        } catch (RuntimeException e) {
            modem.close();
            throw e;
        }
    }

    public Path rigEnd() {
        return rigEnd;
    }

    public Path boardEnd() {
        return boardEnd;
    }

    public boolean isRunning() {
        return socat.isAlive();
    }

    /** What socat said, for error messages. */
    public String log() {
        synchronized (log) {
            return log.isEmpty() ? "(socat printed nothing)" : log.toString().strip().replace('\n', ' ');
        }
    }

    @Override
    public void close() {
        socat.destroy();
        try {
            if (!socat.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                socat.destroyForcibly();
            }
        } catch (InterruptedException e) {
            socat.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String end(Path link) {
        return "pty,raw,echo=0,link=" + link.toAbsolutePath();
    }

    private static void drain(InputStream in, StringBuilder log) {
        byte[] buffer = new byte[512];
        try {
            int count;
            while ((count = in.read(buffer)) >= 0) {
                synchronized (log) {
                    if (log.length() < MAX_LOG_CHARS) {
                        log.append(new String(buffer, 0, count, StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (IOException e) {
            // socat is gone; what it said is kept.
        }
    }
}
