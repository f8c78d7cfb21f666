package dev.dpsrig.hil.tethered;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * How long the rig waits for each command's reply, how many times it sends an idempotent command
 * before giving up, and how long it lets a BUSY board rest before asking again.
 */
public record LinkSettings(Map<Command, Duration> timeouts, int attempts, Duration busyPause) {

    public LinkSettings {
        timeouts = Map.copyOf(timeouts);
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
        }
    }

    /** Each command's default timeout, three attempts, 100 ms rest after BUSY. */
    public static LinkSettings defaults() {
        Map<Command, Duration> timeouts = new EnumMap<>(Command.class);
        for (Command command : Command.values()) {
            timeouts.put(command, command.defaultTimeout());
        }
        return new LinkSettings(timeouts, 3, Duration.ofMillis(100));
    }

    public Duration timeout(Command command) {
        return timeouts.getOrDefault(command, command.defaultTimeout());
    }

    public LinkSettings withTimeout(Command command, Duration timeout) {
        Map<Command, Duration> changed = new EnumMap<>(timeouts);
        changed.put(command, timeout);
        return new LinkSettings(changed, attempts, busyPause);
    }

    public LinkSettings withAttempts(int attempts) {
        return new LinkSettings(timeouts, attempts, busyPause);
    }
}
