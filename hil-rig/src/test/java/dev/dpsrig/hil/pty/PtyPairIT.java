package dev.dpsrig.hil.pty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.hil.RigException;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A pair opened by the JVM, its terminal opened as plain files with no terminal settings touched, so that
 * what is checked is the raw mode the pair itself sets: bytes unchanged both ways, no echo.
 */
class PtyPairIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** How long a side listens to be sure nothing comes; only ever used to show that nothing came. */
    private static final Duration QUIET = Duration.ofMillis(300);
    /** Reads that block get a thread of their own: a shared pool would queue the next read behind one left waiting. */
    private static final Executor OWN_THREAD = task -> Thread.ofPlatform().daemon().start(task);

    private PtyPair pair = PtyPair.open();

    @AfterEach
    void close() {
        pair.close();
    }

    @Test
    void theTerminalIsARealDeviceAndGoesAwayWithThePair() {
        assertThat(pair.terminal().toString()).matches("/dev/(pts/\\d+|ttys\\d+)");
        assertThat(pair.terminal()).exists();
        assertThat(pair.isOpen()).isTrue();

        pair.close();

        assertThat(pair.isOpen()).isFalse();
        assertThat(pair.terminal()).doesNotExist();
    }

    @Test
    void everyByteValuePassesUnchangedBothWaysAndNothingIsEchoed() throws Exception {
        byte[] ascending = new byte[256];
        byte[] descending = new byte[256];
        for (int i = 0; i < 256; i++) {
            ascending[i] = (byte) i;
            descending[i] = (byte) (255 - i);
        }
        try (FileInputStream terminalIn = new FileInputStream(pair.terminal().toFile());
             FileOutputStream terminalOut = new FileOutputStream(pair.terminal().toFile())) {
            pair.out().write(ascending);
            assertThat(readExactly(terminalIn, 256)).as("master to terminal").isEqualTo(ascending);

            terminalOut.write(descending);
            // An echo of what the master sent would arrive first, in ascending order.
            assertThat(readExactly(pair.in(), 256)).as("terminal to master, with no echo before it").isEqualTo(descending);

            // Nothing more comes of it: after a while, the next bytes on either side are the next ones sent.
            Thread.sleep(QUIET.toMillis());
            byte[] controls = {'\r', '\n', 0x03, 0x04, 0x11, 0x13, 0x1A, 0x7F};
            terminalOut.write(controls);
            assertThat(readExactly(pair.in(), 8)).as("terminal to master, after a pause").isEqualTo(controls);
            pair.out().write(controls);
            assertThat(readExactly(terminalIn, 8)).as("master to terminal, after a pause").isEqualTo(controls);
        }
    }

    @Test
    void aReadWaitsForTheTerminalToBeOpened() throws Exception {
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> readUnchecked(pair.in(), 1), OWN_THREAD);

        assertThatThrownBy(() -> read.get(QUIET.toMillis(), TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        try (FileOutputStream terminal = new FileOutputStream(pair.terminal().toFile())) {
            terminal.write('x');
            assertThat(read.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).containsExactly('x');
        }
    }

    @Test
    void aClosedTerminalIsNotEndOfInputTheMasterWaitsForItToBeOpenedAgain() throws Exception {
        try (FileOutputStream terminal = new FileOutputStream(pair.terminal().toFile())) {
            terminal.write("last words".getBytes());
        }

        assertThat(new String(readExactly(pair.in(), 10))).isEqualTo("last words");
        CompletableFuture<byte[]> next = CompletableFuture.supplyAsync(() -> readUnchecked(pair.in(), 1), OWN_THREAD);
        assertThatThrownBy(() -> next.get(QUIET.toMillis(), TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        try (FileOutputStream terminal = new FileOutputStream(pair.terminal().toFile())) {
            terminal.write('z');
            assertThat(next.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).containsExactly('z');
        }
    }

    @Test
    void closingThePairEndsAReadWaitingForAClosedTerminalToBeOpenedAgain() throws Exception {
        new FileOutputStream(pair.terminal().toFile()).close();
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> readOne(pair.in()), OWN_THREAD);
        assertThatThrownBy(() -> read.get(QUIET.toMillis(), TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);

        pair.close();

        assertThat(read.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(-1);
    }

    @Test
    void closingThePairEndsAReadOnEitherSide() throws Exception {
        try (FileInputStream terminal = new FileInputStream(pair.terminal().toFile())) {
            CompletableFuture<Integer> masterRead = CompletableFuture.supplyAsync(() -> readOne(pair.in()), OWN_THREAD);
            CompletableFuture<Integer> terminalRead = CompletableFuture.supplyAsync(() -> readOneOrEnd(terminal), OWN_THREAD);
            assertThatThrownBy(() -> masterRead.get(QUIET.toMillis(), TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            assertThat(terminalRead).isNotDone();

            pair.close();

            assertThat(masterRead.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(-1);
            // The terminal's reader is told the line is gone: end of input, or (Linux) an I/O error.
            assertThat(terminalRead).succeedsWithin(WAIT).isEqualTo(-1);
        }
        assertThatThrownBy(() -> pair.out().write('x')).isInstanceOf(IOException.class).hasMessageContaining("closed");
        assertThat(pair.in().read()).isEqualTo(-1);
    }

    @Test
    void anInterruptedReadThrowsInterruptedIOException() throws Exception {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                pair.in().read();
                failure.complete(null);
            } catch (IOException e) {
                failure.complete(e);
            }
        });
        Thread.sleep(QUIET.toMillis());

        reader.interrupt();

        assertThat(failure.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isInstanceOf(InterruptedIOException.class);
    }

    @Test
    void whatIsWrittenOnceTheTerminalIsClosedIsLostWithoutWaiting() throws Exception {
        new FileOutputStream(pair.terminal().toFile()).close();
        byte[] megabyte = new byte[1 << 20];

        long start = System.nanoTime();
        pair.out().write(megabyte);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PtyPair.WRITE_STALL);
        assertThat(pair.droppedBytes()).isEqualTo(megabyte.length);
        try (FileOutputStream keepsItOpen = new FileOutputStream(pair.terminal().toFile());
             FileInputStream terminal = new FileInputStream(pair.terminal().toFile())) {
            pair.out().write('y');
            assertThat(readExactly(terminal, 1)).as("the first byte after the reopening; a stale one would be 0").containsExactly('y');
        }
    }

    @Test
    void aWriteNobodyReadsGivesUpAfterTheStallAndWhatFitKeepsItsOrder() throws Exception {
        pair.close();
        pair = PtyPair.open(Duration.ofMillis(300));
        byte[] data = new byte[256 * 1024];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i % 251);
        }

        long start = System.nanoTime();
        pair.out().write(data);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(300), WAIT);
        long kept = data.length - pair.droppedBytes();
        assertThat(kept).isPositive().isLessThan(data.length);
        try (FileInputStream terminal = new FileInputStream(pair.terminal().toFile())) {
            assertThat(readExactly(terminal, 1000)).isEqualTo(Arrays.copyOf(data, 1000));
        }
    }

    @Test
    void elsewhereThanLinuxOrMacOsThePairSaysWhatItNeeds() {
        String os = System.getProperty("os.name");
        System.setProperty("os.name", "Windows 11");
        try {
            assertThatThrownBy(PtyPair::open).isInstanceOf(RigException.class)
                    .hasMessageStartingWith("pseudo-terminals need Linux or macOS; this is Windows 11");
        } finally {
            System.setProperty("os.name", os);
        }
    }

    private static byte[] readExactly(InputStream in, int count) throws Exception {
        try {
            return CompletableFuture.supplyAsync(() -> readUnchecked(in, count), OWN_THREAD).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("reading " + count + " bytes failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("fewer than " + count + " bytes arrived within " + WAIT.toSeconds() + " s");
        }
    }

    private static byte[] readUnchecked(InputStream in, int count) {
        try {
            byte[] bytes = in.readNBytes(count);
            if (bytes.length < count) {
                throw new AssertionError("end of input after " + bytes.length + " of " + count + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int readOne(InputStream in) {
        try {
            return in.read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A read ended by the line going away: -1, or the I/O error Linux gives a terminal whose master closed. */
    private static int readOneOrEnd(InputStream in) {
        try {
            return in.read();
        } catch (IOException e) {
            if ("Input/output error".equals(e.getMessage())) {
                return -1;
            }
            throw new UncheckedIOException(e);
        }
    }
}
