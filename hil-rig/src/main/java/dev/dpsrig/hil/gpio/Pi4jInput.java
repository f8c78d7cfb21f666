package dev.dpsrig.hil.gpio;

import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import dev.dpsrig.hil.DigitalInput;
import dev.dpsrig.hil.RigEvent;
import dev.dpsrig.hil.RigException;
import dev.dpsrig.hil.RigListener;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A claimed Pi4J input. One listener of its own reports each change as a {@code LINE_CHANGED} event and
 * wakes {@link #awaitLevel}, so a wait never polls the pin.
 */
final class Pi4jInput implements DigitalInput {
    private final String board;
    private final String name;
    private final int pin;
    private final com.pi4j.io.gpio.digital.DigitalInput line;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final DigitalStateChangeListener watcher;

    Pi4jInput(String board, String name, int pin, com.pi4j.io.gpio.digital.DigitalInput line, Clock clock, RigListener listener) {
        this.board = board;
        this.name = name;
        this.pin = pin;
        this.line = line;
        this.watcher = event -> {
            boolean high = event.state().isHigh();
            listener.event(new RigEvent(clock.instant(), board, RigEvent.Kind.LINE_CHANGED, name + " GPIO " + pin + " " + Levels.word(high)));
            lock.lock();
            try {
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        };
        line.addListener(watcher);
    }

    com.pi4j.io.gpio.digital.DigitalInput line() {
        return line;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isHigh() {
        return line.isHigh();
    }

    @Override
    public Subscription onChange(LevelListener levelListener) {
        DigitalStateChangeListener forward = event -> levelListener.levelChanged(event.state().isHigh());
        line.addListener(forward);
        return () -> line.removeListener(forward);
    }

    @Override
    public void awaitLevel(boolean high, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (line.isHigh() != high) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new RigException(board + " " + name + " (GPIO " + pin + ") did not go " + Levels.word(high) + " within "
                            + timeout.toMillis() + " ms; it is " + Levels.word(!high));
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RigException("interrupted while waiting for " + board + " " + name + " to go " + Levels.word(high), e);
        } finally {
            lock.unlock();
        }
    }

    void close() {
        line.removeListener(watcher);
    }

    @Override
    public String toString() {
        return board + " " + name + " (GPIO " + pin + " in)";
    }
}
