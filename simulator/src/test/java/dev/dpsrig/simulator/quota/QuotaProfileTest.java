package dev.dpsrig.simulator.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dpsrig.simulator.quota.QuotaProfile.Quota;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuotaProfileTest {
    @Test
    void offEnforcesNothing() {
        assertThat(QuotaProfile.parse(" OFF ")).isSameAs(QuotaProfile.OFF);
        assertThat(QuotaProfile.OFF.rates()).isEmpty();
        assertThat(QuotaProfile.OFF.rate(Quota.REGISTRATIONS)).isEmpty();
    }

    @Test
    void azureS1IsTheDocumentedLimits() {
        QuotaProfile s1 = QuotaProfile.parse("azure-s1");

        assertThat(s1.name()).isEqualTo("azure-s1");
        assertThat(s1.rates()).containsExactly(
                Map.entry(Quota.REGISTRATIONS, new Rate(1000, Duration.ofMinutes(1))),
                Map.entry(Quota.OPERATIONS, new Rate(1000, Duration.ofMinutes(1))),
                Map.entry(Quota.POLLS, new Rate(5, Duration.ofSeconds(10))),
                Map.entry(Quota.D2C, new Rate(100, Duration.ofSeconds(1))),
                Map.entry(Quota.C2D_RECEIVES, new Rate(1000.0 / 60, Duration.ofSeconds(1))));
        assertThat(s1.rate(Quota.C2D_RECEIVES).orElseThrow().perSecond()).as("1,000/min/unit").isCloseTo(16.67, within(0.01));
        assertThat(s1.toString()).isEqualTo("azure-s1 (registrations=1000/min,operations=1000/min,polls=5/10s,d2c=100/s,"
                + "c2d-receives=16.6667/s)");
    }

    @Test
    void hubUnitsScaleTheHubQuotasOnly() {
        QuotaProfile fourUnits = QuotaProfile.parse("azure-s1:4");
        QuotaProfile tenUnits = QuotaProfile.parse("Azure-S1:10");
        QuotaProfile s3 = QuotaProfile.parse("azure-s3:2");

        assertThat(fourUnits.rate(Quota.D2C)).as("max(100/s, 12/s/unit)").contains(new Rate(100, Duration.ofSeconds(1)));
        assertThat(tenUnits.rate(Quota.D2C)).contains(new Rate(120, Duration.ofSeconds(1)));
        assertThat(tenUnits.rate(Quota.C2D_RECEIVES).orElseThrow().perSecond()).isCloseTo(166.67, within(0.01));
        assertThat(tenUnits.rate(Quota.REGISTRATIONS)).contains(new Rate(1000, Duration.ofMinutes(1)));
        assertThat(s3.rate(Quota.D2C)).contains(new Rate(12_000, Duration.ofSeconds(1)));
        assertThat(s3.rate(Quota.C2D_RECEIVES).orElseThrow().perSecond()).isCloseTo(1666.66, within(0.01));
        assertThat(s3.rate(Quota.POLLS)).contains(new Rate(5, Duration.ofSeconds(10)));
    }

    @Test
    void explicitQuotas() {
        QuotaProfile custom = QuotaProfile.parse("Polls=5/10s, registrations = 10/min");

        assertThat(custom.name()).isEqualTo("custom");
        assertThat(custom.rates()).as("in the order of the quotas").containsExactly(
                Map.entry(Quota.REGISTRATIONS, new Rate(10, Duration.ofMinutes(1))),
                Map.entry(Quota.POLLS, new Rate(5, Duration.ofSeconds(10))));
        assertThat(custom.rate(Quota.D2C)).isEmpty();
        assertThat(custom.toString()).isEqualTo("custom (registrations=10/min,polls=5/10s)");
        assertThat(QuotaProfile.parse("d2c=3/s,c2d-receives=2/s,operations=100/min").rates())
                .containsOnlyKeys(Quota.D2C, Quota.C2D_RECEIVES, Quota.OPERATIONS);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "azure-s2            | unknown quota profile 'azure-s2'; one of off, azure-s1[:UNITS], azure-s3[:UNITS]",
            "azure-s1:0          | quota profile 'azure-s1:0': units after ':' must be a positive whole number",
            "azure-s1:two        | quota profile 'azure-s1:two': units after ':' must be a positive whole number",
            "registrations=10/min,polls | quota 'polls' is not NAME=COUNT/PERIOD",
            "messages=10/s       | unknown quota 'messages'; one of registrations, operations, polls, d2c, c2d-receives",
            "polls=5/fortnight   | rate '5/fortnight': unknown unit 'fortnight'"})
    void refusesWhatIsNotAProfile(String text, String message) {
        assertThatThrownBy(() -> QuotaProfile.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }
}
