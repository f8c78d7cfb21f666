package dev.dpsrig.simulator.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1000/min   | 1000 | 60000 | 1000/min",
            "5/10s      | 5    | 10000 | 5/10s",
            "100/1m     | 100  | 60000 | 100/min",
            "12/s       | 12   | 1000  | 12/s",
            "1.67/s     | 1.67 | 1000  | 1.67/s",
            "1/sec      | 1    | 1000  | 1/s",
            "3600/h     | 3600 | 3600000 | 60min",
            "2/500ms    | 2    | 500   | 2/500ms",
            "5/90s      | 5    | 90000 | 5/90s",
            "5/1.5s     | 5    | 1500  | 5/1500ms",
            " 7 / MIN   | 7    | 60000 | 7/min"})
    void parses(String text, double count, long periodMillis, String shown) {
        Rate rate = Rate.parse(text);

        assertThat(rate.count()).isEqualTo(count);
        assertThat(rate.period()).isEqualTo(Duration.ofMillis(periodMillis));
        assertThat(rate.toString()).endsWith(shown);
        assertThat(Rate.parse(rate.toString())).isEqualTo(rate);
    }

    @Test
    void perSecondAndBurst() {
        assertThat(Rate.parse("1000/min").perSecond()).isCloseTo(16.6667, within(0.0001));
        assertThat(Rate.parse("5/10s").perSecond()).isEqualTo(0.5);
        assertThat(Rate.parse("5/10s").burst()).as("the bucket holds one period's worth").isEqualTo(5);
        assertThat(Rate.parse("0.5/s").burst()).as("but always at least one request").isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "5           | rate '5' is not COUNT/PERIOD, e.g. 1000/min or 5/10s",
            "5/s/s       | rate '5/s/s' is not COUNT/PERIOD",
            "ten/min     | rate 'ten/min': 'ten' is not a number",
            "5/fortnight | rate '5/fortnight': unknown unit 'fortnight' (ms, s, min, h)",
            "5/10        | rate '5/10': unknown unit '' (ms, s, min, h)",
            "5/1.2.3s    | rate '5/1.2.3s': period '1.2.3s' is not like s, min, 10s or 1h",
            "5/0.5ms     | rate '5/0.5ms': period '0.5ms' is not a whole number of milliseconds",
            "0/s         | a rate is a positive count per a positive period, not 0.0/PT1S",
            "-3/s        | a rate is a positive count per a positive period",
            "5/0s        | a rate is a positive count per a positive period, not 5.0/PT0S"})
    void refusesWhatIsNotARate(String text, String message) {
        assertThatThrownBy(() -> Rate.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }
}
