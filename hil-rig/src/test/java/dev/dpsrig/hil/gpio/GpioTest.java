package dev.dpsrig.hil.gpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.hil.DigitalInput;
import dev.dpsrig.hil.DigitalLine;
import dev.dpsrig.hil.DigitalOutput;
import dev.dpsrig.hil.RecordingListener;
import dev.dpsrig.hil.RigEvent;
import dev.dpsrig.hil.RigException;
import dev.dpsrig.hil.TickingClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GpioTest {
    private final RecordingListener events = new RecordingListener();
    private final Gpio gpio = Gpio.open(GpioPlatform.MOCK, new TickingClock(), events);

    @AfterEach
    void close() {
        gpio.close();
    }

    @Test
    void outputStartsAtItsInitialLevelAndRecordsEverySetInOrder() {
        DigitalOutput relay = gpio.output("board-a", "power", 17, true);
        assertThat(relay.isHigh()).isTrue();

        relay.set(false);
        relay.set(true);
        relay.set(true);

        assertThat(relay.isHigh()).isTrue();
        assertThat(events.describe()).containsExactly(
                "board-a LINE_SET power GPIO 17 low", "board-a LINE_SET power GPIO 17 high", "board-a LINE_SET power GPIO 17 high");
        List<RigEvent> recorded = events.events();
        assertThat(recorded.get(0).at()).isBefore(recorded.get(1).at());
        assertThat(recorded.get(1).at()).isBefore(recorded.get(2).at());
    }

    @Test
    void releasingTheRigDrivesAnOutputBackToItsClaimLevelUnlessItIsLeftAsSet() {
        Gpio other = Gpio.open(GpioPlatform.MOCK, new TickingClock(), events);
        DigitalOutput reset = other.output("board-a", "reset", 27, false);
        DigitalOutput power = other.outputLeftAsSet("board-a", "power", 17, false);
        reset.set(true);
        power.set(true);

        other.close();

        assertThat(reset.isHigh()).as("back to the level it was claimed with").isFalse();
        assertThat(power.isHigh()).as("left as last set").isTrue();
    }

    @Test
    void onChangeSeesEachChangeUntilClosed() {
        DigitalOutput relay = gpio.output("board-a", "power", 17, false);
        List<Boolean> seen = new CopyOnWriteArrayList<>();
        DigitalLine.Subscription subscription = relay.onChange(seen::add);

        relay.set(true);
        relay.set(true);
        relay.set(false);
        subscription.close();
        relay.set(true);
        subscription.close();

        assertThat(seen).containsExactly(true, false);
    }

    @Test
    void aPinCannotBeClaimedTwice() {
        gpio.output("board-a", "power", 17, false);

        assertThatThrownBy(() -> gpio.input("board-b", "ready", 17))
                .isInstanceOf(RigException.class)
                .hasMessage("GPIO 17 is already claimed by board-a power; board-b ready cannot claim it too");
        assertThatThrownBy(() -> gpio.output("board-a", "reset", 17, true))
                .hasMessageContaining("already claimed by board-a power");
    }

    @Test
    void drivenMockInputNotifiesListenersReportsTheChangeAndEndsAWait() throws InterruptedException {
        DigitalInput ready = gpio.input("board-a", "ready", 22);
        List<Boolean> seen = new CopyOnWriteArrayList<>();
        ready.onChange(seen::add);
        assertThat(ready.isHigh()).isFalse();

        Thread driver = Thread.ofVirtual().start(() -> gpio.driveMockInput(22, true));
        ready.awaitLevel(true, Duration.ofSeconds(30));
        driver.join();

        assertThat(ready.isHigh()).isTrue();
        assertThat(seen).containsExactly(true);
        assertThat(events.describe()).containsExactly("board-a LINE_CHANGED ready GPIO 22 high");
    }

    @Test
    void awaitLevelThatNeverComesNamesTheLineAndTheLevel() {
        DigitalInput ready = gpio.input("board-a", "ready", 22);

        assertThatThrownBy(() -> ready.awaitLevel(true, Duration.ofMillis(30)))
                .isInstanceOf(RigException.class)
                .hasMessage("board-a ready (GPIO 22) did not go high within 30 ms; it is low");
    }

    @Test
    void onlyClaimedInputsCanBeDriven() {
        gpio.output("board-a", "power", 17, false);

        assertThatThrownBy(() -> gpio.driveMockInput(17, true)).hasMessage("GPIO 17 is not claimed as an input (it is board-a power)");
        assertThatThrownBy(() -> gpio.driveMockInput(5, true)).hasMessage("GPIO 5 is not claimed as an input");
    }

    @Test
    void aClaimedLineCanBeWatchedByPinAsAVirtualBoardWatchesItsPower() {
        DigitalOutput relay = gpio.output("board-a", "power", 17, false);
        List<Boolean> seen = new CopyOnWriteArrayList<>();
        gpio.line(17).onChange(seen::add);

        relay.set(true);

        assertThat(gpio.line(17).name()).isEqualTo("power");
        assertThat(seen).containsExactly(true);
        assertThatThrownBy(() -> gpio.line(18)).hasMessage("GPIO 18 is not claimed");
    }

    @Test
    void realPlatformWithoutAGpioPluginIsRefusedRatherThanMocked() {
        assertThatThrownBy(() -> Gpio.open(GpioPlatform.PI4J, new TickingClock(), events).close())
                .isInstanceOf(NoGpioProviderException.class)
                .hasMessageStartingWith("no Pi4J GPIO provider on the class path (only Pi4J's mock); add a Pi4J GPIO plugin");
    }
}
