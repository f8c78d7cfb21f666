package dev.dpsrig.hil.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.hil.RigEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BoardLogTest {
    private static final Instant START = Instant.parse("2025-05-01T10:00:00Z");

    @Test
    void rendersATimelineWithOffsetsFromTheFirstEvent() {
        BoardLog log = new BoardLog();
        log.event(new RigEvent(START, "gw", RigEvent.Kind.POWER_ON, "power"));
        log.event(new RigEvent(START.plusMillis(1250), "gw", RigEvent.Kind.CONSOLE_TIMEOUT, "/x/ after 1000 ms"));
        log.event(new RigEvent(START.plusMillis(1300), "gw", RigEvent.Kind.POWER_OFF, ""));

        assertThat(log.render()).isEqualTo("""
                rig events from 2025-05-01T10:00:00Z
                   +0.000s gw POWER_ON power
                   +1.250s gw CONSOLE_TIMEOUT /x/ after 1000 ms
                   +1.300s gw POWER_OFF
                """);
        assertThat(log.events(RigEvent.Kind.POWER_OFF)).hasSize(1);
    }

    @Test
    void emptyLogSaysSo() {
        assertThat(new BoardLog().render()).isEqualTo("(no rig events)\n");
    }
}
