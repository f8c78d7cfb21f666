package dev.dpsrig.simulator.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.simulator.dps.MutableClock;
import dev.dpsrig.simulator.fault.Endpoint;
import dev.dpsrig.simulator.quota.QuotaProfile.Quota;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QuotasTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));

    @Test
    void registrationsAreLimitedForTheWholeService() {
        Quotas quotas = new Quotas(QuotaProfile.parse("registrations=2/min"), clock);

        assertThat(quotas.admit(Endpoint.REGISTER, "a")).isEmpty();
        assertThat(quotas.admit(Endpoint.REGISTER, "b")).isEmpty();
        assertThat(quotas.admit(Endpoint.REGISTER, "c")).hasValueSatisfying(throttled -> {
            assertThat(throttled.quota()).isEqualTo(Quota.REGISTRATIONS);
            assertThat(throttled.rate()).isEqualTo(Rate.parse("2/min"));
            assertThat(throttled.retryAfter()).isEqualTo(Duration.ofSeconds(30));
            assertThat(throttled.retryAfterSeconds()).isEqualTo(30);
        });
        assertThat(quotas.admit(Endpoint.OPERATION_LOOKUP, "c")).as("lookups are not registrations").isEmpty();
    }

    @Test
    void operationsCountEveryDeviceRuntimeCall() {
        Quotas quotas = new Quotas(QuotaProfile.parse("operations=3/min"), clock);

        assertThat(quotas.admit(Endpoint.REGISTER, "a")).isEmpty();
        assertThat(quotas.admit(Endpoint.OPERATION_LOOKUP, "b")).isEmpty();
        assertThat(quotas.admit(Endpoint.STATUS_LOOKUP, "c")).isEmpty();
        assertThat(quotas.admit(Endpoint.STATUS_LOOKUP, "d")).map(Quotas.Throttled::quota).contains(Quota.OPERATIONS);
        assertThat(quotas.admit(Endpoint.SERVICE_API, "d")).as("the service API has no quota here").isEmpty();
        assertThat(quotas.admit(Endpoint.HUB_SEND, "hub")).isEmpty();
    }

    @Test
    void pollsAreLimitedPerDeviceWithoutRegardToCase() {
        Quotas quotas = new Quotas(QuotaProfile.parse("polls=2/10s"), clock);

        assertThat(quotas.admit(Endpoint.OPERATION_LOOKUP, "Dev-A")).isEmpty();
        assertThat(quotas.admit(Endpoint.OPERATION_LOOKUP, "dev-a")).isEmpty();
        assertThat(quotas.admit(Endpoint.OPERATION_LOOKUP, "DEV-A")).map(Quotas.Throttled::quota).contains(Quota.POLLS);
        assertThat(quotas.admit(Endpoint.OPERATION_LOOKUP, "dev-b")).isEmpty();
        assertThat(quotas.admit(Endpoint.REGISTER, "dev-a")).as("register is not a poll").isEmpty();
    }

    @Test
    void hubQuotasArePerHub() {
        Quotas quotas = new Quotas(QuotaProfile.parse("d2c=1/s,c2d-receives=1/s"), clock);

        assertThat(quotas.admit(Endpoint.HUB_SEND, "hub-a")).isEmpty();
        assertThat(quotas.admit(Endpoint.HUB_SEND, "hub-a")).map(Quotas.Throttled::quota).contains(Quota.D2C);
        assertThat(quotas.admit(Endpoint.HUB_SEND, "hub-b")).isEmpty();
        assertThat(quotas.admit(Endpoint.HUB_C2D, "hub-a")).isEmpty();
        assertThat(quotas.admit(Endpoint.HUB_C2D, "hub-a")).map(Quotas.Throttled::quota).contains(Quota.C2D_RECEIVES);
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
        assertThat(new Quotas.Throttled(Quota.D2C, Rate.parse("100/s"), Duration.ofMillis(10)).retryAfterSeconds()).isEqualTo(1);
        assertThat(new Quotas.Throttled(Quota.D2C, Rate.parse("1/s"), Duration.ZERO).retryAfterSeconds()).isEqualTo(1);
        assertThat(new Quotas.Throttled(Quota.POLLS, Rate.parse("5/10s"), Duration.ofMillis(2001)).retryAfterSeconds()).isEqualTo(3);
        assertThat(new Quotas.Throttled(Quota.POLLS, Rate.parse("5/10s"), Duration.ofSeconds(2)).retryAfterSeconds()).isEqualTo(2);
    }

    @Test
    void offAdmitsEverything() {
        Quotas quotas = new Quotas(QuotaProfile.OFF, clock);

        for (int i = 0; i < 10_000; i++) {
            assertThat(quotas.admit(Endpoint.REGISTER, "a")).isEmpty();
        }
        assertThat(quotas.profile()).isSameAs(QuotaProfile.OFF);
    }
}
