package dev.dpsrig.emulator.device;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A device's events in the order they happened; listeners see each one as it is added. Thread-safe. */
public final class Timeline {
    private final List<DeviceEvent> events = new ArrayList<>();
    private final List<Consumer<DeviceEvent>> listeners = new CopyOnWriteArrayList<>();

    public void add(DeviceEvent event) {
        synchronized (events) {
            events.add(event);
        }
        listeners.forEach(listener -> listener.accept(event));
    }

    public Timeline onEvent(Consumer<DeviceEvent> listener) {
        listeners.add(listener);
        return this;
    }

    public List<DeviceEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    public <T extends DeviceEvent> List<T> events(Class<T> type) {
        return events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The statuses seen, in order: what the device went through ({@code assigning}, ..., {@code assigned}). */
    public List<String> statuses() {
        List<String> statuses = new ArrayList<>();
        for (DeviceEvent event : events()) {
            String status = switch (event) {
                case DeviceEvent.RegisterAnswered answered -> answered.status().wireName();
                case DeviceEvent.StatusSeen seen -> seen.status().wireName();
                default -> null;
            };
            if (status != null && (statuses.isEmpty() || !statuses.getLast().equals(status))) {
                statuses.add(status);
            }
        }
        return statuses;
    }

    /** One line per event, with the time since the first: {@code +   312 ms  register answered 202: assigning}. */
    public String print() {
        List<DeviceEvent> all = events();
        if (all.isEmpty()) {
            return "(no events)";
        }
        Instant start = all.getFirst().at();
        StringBuilder out = new StringBuilder();
        for (DeviceEvent event : all) {
            out.append(String.format("+%7d ms  %s%n", Duration.between(start, event.at()).toMillis(), event.describe()));
        }
        return out.toString();
    }
}
