package dev.dpsrig.hil.board;

import dev.dpsrig.hil.RigEvent;
import dev.dpsrig.hil.RigListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything that happened to the rig's boards, in order, as a listener collects it. It renders as a
 * timeline for a scenario report, each event with its offset from the first.
 */
public final class BoardLog implements RigListener {
    private final List<RigEvent> events = new ArrayList<>();

    @Override
    public synchronized void event(RigEvent event) {
        events.add(event);
    }

    public synchronized List<RigEvent> events() {
        return List.copyOf(events);
    }

    public synchronized List<RigEvent> events(RigEvent.Kind kind) {
        return events.stream().filter(event -> event.kind() == kind).toList();
    }

    /** {@code +0.120s board-a POWER_ON power} one line per event; the first line gives the wall-clock start. */
    public synchronized String render() {
        if (events.isEmpty()) {
            return "(no rig events)\n";
        }
        Instant start = events.getFirst().at();
        StringBuilder text = new StringBuilder("rig events from " + start + "\n");
        for (RigEvent event : events) {
            Duration offset = Duration.between(start, event.at());
            text.append(String.format("%+9.3fs %s %s%s%n", offset.toNanos() / 1e9, event.board(), event.kind(),
                    event.detail().isEmpty() ? "" : " " + event.detail().replace("\n", "\n" + " ".repeat(12))));
        }
        return text.toString();
    }
}
