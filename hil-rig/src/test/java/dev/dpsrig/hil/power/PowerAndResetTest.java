package dev.dpsrig.hil.power;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.hil.DigitalOutput;
import dev.dpsrig.hil.RecordingListener;
import dev.dpsrig.hil.RigEvent;
import dev.dpsrig.hil.TickingClock;
import dev.dpsrig.hil.gpio.Gpio;
import dev.dpsrig.hil.gpio.GpioPlatform;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PowerAndResetTest {
    private final TickingClock clock = new TickingClock();
    private final RecordingListener events = new RecordingListener();
    private final Gpio gpio = Gpio.open(GpioPlatform.MOCK, clock, events);

    @AfterEach
    void close() {
        gpio.close();
    }

    @Test
    void activeHighPowerIsOnWhenTheLineIsHigh() {
        DigitalOutput line = gpio.output("b", "power", 17, OutputPower.offLevel(false));
        OutputPower power = new OutputPower("b", line, false, clock, events);
        assertThat(power.isOn()).isFalse();

        power.on();
        assertThat(line.isHigh()).isTrue();
        assertThat(power.isOn()).isTrue();

        power.off();
        assertThat(line.isHigh()).isFalse();
        assertThat(events.describe()).containsExactly("b LINE_SET power GPIO 17 high", "b POWER_ON power",
                "b LINE_SET power GPIO 17 low", "b POWER_OFF power");
    }

    @Test
    void activeLowPowerIsOnWhenTheLineIsLow() {
        DigitalOutput line = gpio.output("b", "power", 17, OutputPower.offLevel(true));
        OutputPower power = new OutputPower("b", line, true, clock, events);
        assertThat(line.isHigh()).isTrue();
        assertThat(power.isOn()).isFalse();

        power.on();

        assertThat(line.isHigh()).isFalse();
        assertThat(power.isOn()).isTrue();
    }

    @Test
    void activeLowResetPulsesLowForItsWidthThenReleasesHigh() {
        DigitalOutput line = gpio.output("b", "reset", 27, PulseReset.releasedLevel(true));
        List<Boolean> levels = new CopyOnWriteArrayList<>();
        line.onChange(levels::add);
        List<String> pauses = new ArrayList<>();
        PulseReset reset = new PulseReset("b", line, true, Duration.ofMillis(150),
                width -> pauses.add(width.toMillis() + " ms while " + (line.isHigh() ? "high" : "low")), clock, events);

        reset.pulse();

        assertThat(levels).containsExactly(false, true);
        assertThat(pauses).containsExactly("150 ms while low");
        assertThat(line.isHigh()).isTrue();
        assertThat(events.events()).extracting(RigEvent::kind)
                .containsExactly(RigEvent.Kind.RESET, RigEvent.Kind.LINE_SET, RigEvent.Kind.LINE_SET);
        assertThat(events.describe().getFirst()).isEqualTo("b RESET reset for 150 ms");
    }

    @Test
    void activeHighResetPulsesHighThenLow() {
        DigitalOutput line = gpio.output("b", "reset", 27, PulseReset.releasedLevel(false));
        List<Boolean> levels = new CopyOnWriteArrayList<>();
        line.onChange(levels::add);

        new PulseReset("b", line, false, Duration.ofMillis(1), width -> { }, clock, events).pulse();

        assertThat(levels).containsExactly(true, false);
    }

    @Test
    void aFailedPauseStillReleasesTheReset() {
        DigitalOutput line = gpio.output("b", "reset", 27, true);
        PulseReset reset = new PulseReset("b", line, true, Duration.ofMillis(1), width -> {
            throw new IllegalStateException("interrupted");
        }, clock, events);

        org.assertj.core.api.Assertions.assertThatThrownBy(reset::pulse).hasMessage("interrupted");
        assertThat(line.isHigh()).isTrue();
    }
}
