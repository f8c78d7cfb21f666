package dev.dpsrig.hil.virtual;

import dev.dpsrig.hil.RigEvent;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * Misbehaviour on demand for a {@link VirtualBoard}, the ways boards on real rigs misbehave: noise on the
 * line (a loose ground, a baud-rate glitch at reset), a reply that comes late (a busy main loop), a reboot
 * in the middle of something (a brown-out, a watchdog). Each fault is recorded in the board's log when it
 * takes effect.
 */
public final class BoardFaults {
    private final VirtualBoard board;
    private final SplittableRandom random;
    private final AtomicReference<Optional<Duration>> stall = new AtomicReference<>(Optional.empty());
    private final AtomicReference<Optional<Pattern>> rebootAfter = new AtomicReference<>(Optional.empty());

    BoardFaults(VirtualBoard board, long seed) {
        this.board = board;
        this.random = new SplittableRandom(seed);
    }

    /**
     * Writes {@code count} bytes of noise now: bytes that are not valid UTF-8 and control characters, but
     * no line feed, so the noise runs into the next line as it would on a real line. Nothing happens while
     * the board is off.
     *
     * @return whether the noise went out
     */
    public boolean garbage(int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("garbage needs a positive byte count, not " + count);
        }
        byte[] noise = new byte[count];
        synchronized (random) {
            for (int i = 0; i < count; i++) {
                noise[i] = random.nextInt(4) == 0 ? (byte) random.nextInt(1, 9) : (byte) random.nextInt(0x80, 0x100);
            }
        }
        boolean written = board.writeRaw(noise);
        if (written) {
            board.record(RigEvent.Kind.NOTE, "fault: " + count + " bytes of garbage on the line");
        }
        return written;
    }

    /** Holds the next line the firmware writes back for {@code hold} before it goes out. */
    public void stallNextReply(Duration hold) {
        if (hold.isNegative() || hold.isZero()) {
            throw new IllegalArgumentException("a stall must last a positive time, not " + hold);
        }
        stall.set(Optional.of(hold));
    }

    /**
     * Reboots the board right after the firmware writes a line matching {@code pattern} (found anywhere in
     * the line): the firmware is stopped, the boot log printed again and the firmware started afresh. Once.
     */
    public void rebootAfter(Pattern pattern) {
        rebootAfter.set(Optional.of(pattern));
    }

    /** Reboots the board {@code delay} from now, unless it was switched off or rebooted meanwhile. */
    public void rebootAfter(Duration delay) {
        long generation = board.generation();
        Thread.ofVirtual().name(board.name() + "-reboot-timer").start(() -> {
            try {
                board.pause().await(delay);
            } catch (InterruptedException e) {
                return;
            }
            if (board.isCurrent(generation)) {
                board.reboot("fault: reboot after " + delay.toMillis() + " ms");
            }
        });
    }

    Optional<Duration> takeStall() {
        return stall.getAndSet(Optional.empty());
    }

    void noteStall(long generation, String line, Duration hold) {
        if (board.isCurrent(generation)) {
            board.record(RigEvent.Kind.NOTE, "fault: holding back for " + hold.toMillis() + " ms: " + line);
        }
    }

    void noteRelease(long generation, String line) {
        if (board.isCurrent(generation)) {
            board.record(RigEvent.Kind.NOTE, "fault: releasing: " + line);
        }
    }

    void afterLine(String line) {
        Optional<Pattern> trigger = rebootAfter.get();
        if (trigger.isPresent() && trigger.get().matcher(line).find() && rebootAfter.compareAndSet(trigger, Optional.empty())) {
            board.reboot("fault: reboot after /" + trigger.get().pattern() + "/");
        }
    }
}
