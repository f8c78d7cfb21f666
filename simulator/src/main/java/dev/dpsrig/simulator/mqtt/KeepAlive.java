package dev.dpsrig.simulator.mqtt;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.concurrent.locks.LockSupport;

/**
 * The server's side of MQTT's keep-alive: a client that sends nothing for one and a half times the keep-alive it
 * asked for is cut off (MQTT 3.1.1 §3.1.2.10). A virtual thread watches the connection while it lasts.
 */
final class KeepAlive implements AutoCloseable {
    private final long limitNanos;
    private final Consumer<Duration> expire;
    private final Thread watcher;
    private volatile long lastHeard = System.nanoTime();

    private KeepAlive(Duration clientKeepAlive, Consumer<Duration> expire) {
        this.limitNanos = clientKeepAlive.toNanos() * 3 / 2;
        this.expire = expire;
        this.watcher = Thread.ofVirtual().name("mqtt-keep-alive").start(this::watch);
    }

    /**
     * Watches from now on, and tells {@code expire} how long the client was given once it was quiet that long; with a
     * keep-alive of zero (the client asked for none), nothing is watched.
     */
    static KeepAlive start(Duration clientKeepAlive, Consumer<Duration> expire) {
        return new KeepAlive(clientKeepAlive, expire);
    }

    /** The client sent something. */
    void heard() {
        lastHeard = System.nanoTime();
    }

    private void watch() {
        if (limitNanos == 0) {
            return;
        }
        while (!Thread.currentThread().isInterrupted()) {
            long left = lastHeard + limitNanos - System.nanoTime();
            if (left <= 0) {
                expire.accept(Duration.ofNanos(limitNanos));
                return;
            }
            LockSupport.parkNanos(left);
        }
    }

    @Override
    public void close() {
        watcher.interrupt();
    }
}
