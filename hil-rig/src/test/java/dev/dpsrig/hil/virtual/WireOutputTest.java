package dev.dpsrig.hil.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.hil.DigitalLine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireOutputTest {

    @Test
    void listenersSeeEachChangeOnceAndNothingAfterTheyUnsubscribe() {
        WireOutput wire = new WireOutput("power", false);
        List<Boolean> seen = new ArrayList<>();
        DigitalLine.Subscription subscription = wire.onChange(seen::add);

        wire.set(true);
        wire.set(true);
        wire.set(false);
        subscription.close();
        wire.set(true);

        assertThat(seen).containsExactly(true, false);
        assertThat(wire.isHigh()).isTrue();
        assertThat(wire.name()).isEqualTo("power");
    }

    @Test
    void bootLogPutsTheCauseInItsBody() {
        BootLog log = BootLog.standard("dut-7").withBanner("U-Boot 2024.01 dut-7");

        assertThat(log.lines("watchdog")).startsWith("U-Boot 2024.01 dut-7", "rom: reset cause watchdog").endsWith("dut-7 ready");
    }
}
