package dev.dpsrig.app.cli.board;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C, as a shutdown hook sees it: the hook asks the command to stop and holds the JVM until the board
 * is off and the line closed. In-process runners stop the command by interrupting it instead.
 */
final class UntilStopped implements AutoCloseable {
    /** How long Ctrl-C waits for the board to power off and the line to close. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch cleanedUp = new CountDownLatch(1);
    private final Thread hook = new Thread(this::stopAndWait, "board-emulate-stop");

    UntilStopped() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    void await() {
        try {
            while (!stopRequested.await(1, TimeUnit.HOURS)) {
                // A board runs until it is stopped.
            }
        } catch (InterruptedException e) {
            // Stopped in-process; the cleanup that follows is the same.
        }
    }

    private void stopAndWait() {
        stopRequested.countDown();
        try {
            cleanedUp.await(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        cleanedUp.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running: it has just been released.
        }
    }
}

