package dev.dpsrig.features.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.emulator.device.DeviceEvent;
import io.cucumber.java.en.Then;
import java.time.Duration;
import java.util.stream.IntStream;

/** How devices retried, read from their timelines: the delays they chose and why they registered again. */
public final class RetrySteps {
    private final DeviceRoster devices;

    public RetrySteps(DeviceRoster devices) {
        this.devices = devices;
    }

    /** Honouring Retry-After means scheduling the retry no sooner than it says; the step reads the scheduled delay, not a clock. */
    @Then("device {string} waited at least {int} second(s) before retrying {string}")
    public void waitedBeforeRetry(String name, int seconds, String step) {
        assertThat(devices.device(name).timeline().events(DeviceEvent.RetryScheduled.class))
                .as(devices.evidence(name))
                .filteredOn(retry -> retry.step().equals(step))
                .isNotEmpty()
                .allSatisfy(retry -> assertThat(retry.delay()).isGreaterThanOrEqualTo(Duration.ofSeconds(seconds)));
    }

    @Then("device {string} registered again because {string}")
    public void reregistered(String name, String reason) {
        assertThat(devices.device(name).timeline().events(DeviceEvent.Reregistering.class))
                .as(devices.evidence(name))
                .anySatisfy(event -> assertThat(event.reason()).contains(reason));
        assertThat(devices.device(name).timeline().events(DeviceEvent.RegisterSent.class))
                .as("register requests; " + devices.evidence(name)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Then("at least {int} of the {int} devices named {string} retried {string} after {string}")
    public void someRetried(int atLeast, int count, String pattern, String step, String reason) {
        long retried = IntStream.rangeClosed(1, count).mapToObj(i -> String.format(pattern, i))
                .filter(name -> devices.device(name).timeline().events(DeviceEvent.RetryScheduled.class).stream()
                        .anyMatch(retry -> retry.step().equals(step) && retry.reason().contains(reason)))
                .count();
        assertThat(retried).as("devices named '%s' that retried %s after %s", pattern, step, reason).isGreaterThanOrEqualTo(atLeast);
    }
}
