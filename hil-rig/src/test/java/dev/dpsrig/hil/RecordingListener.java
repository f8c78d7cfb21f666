package dev.dpsrig.hil;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event, for assertions on kinds, details and order. */
public final class RecordingListener implements RigListener {
    private final List<RigEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void event(RigEvent event) {
        events.add(event);
    }

    public List<RigEvent> events() {
        return List.copyOf(events);
    }

    public List<String> describe() {
        return events.stream().map(event -> event.board() + " " + event.kind() + " " + event.detail()).toList();
    }
}
