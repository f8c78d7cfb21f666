package dev.dpsrig.app.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.simulator.http.ConnectionLimits;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code dpsrig serve}'s connection limits, as the options give them. */
class ConnectionLimitOptionsTest {
    @Command
    static final class Holder {
        @Mixin
        ConnectionLimitOptions options;
    }

    private static ConnectionLimitOptions parse(String... args) {
        Holder holder = new Holder();
        new CommandLine(holder).parseArgs(args);
        return holder.options;
    }

    @Test
    void withoutOptionsTheLimitsAreTheSimulatorsDefaults() {
        assertThat(parse().limits()).isEqualTo(ConnectionLimits.DEFAULTS);
    }

    @Test
    void eachOptionSetsItsOwnLimit() {
        ConnectionLimits limits = parse("--handshake-timeout", "3", "--head-timeout", "4", "--body-timeout", "5", "--idle-timeout", "6",
                "--max-connections-per-address", "7", "--cap-loopback").limits();

        assertThat(limits).isEqualTo(new ConnectionLimits(Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ofSeconds(5),
                Duration.ofSeconds(6), 7, true));
    }

    @Test
    void aTimeoutUnderASecondIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> parse("--body-timeout", "0").limits()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--body-timeout must be at least 1 second, not 0");
    }
}
