package dev.dpsrig.emulator.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.emulator.device.RetryPolicy.WhenUnreachable;
import dev.dpsrig.protocol.ConnectFailure;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What a device does about a request that got no answer: retry it, or give up because nothing is there. */
class RetryPolicyTest {
    private static final RetryPolicy POLICY = RetryPolicy.DEFAULTS;

    @ParameterizedTest
    @EnumSource(ConnectFailure.class)
    void aConnectFailureBeforeTheEndpointEverAnsweredFailsFast(ConnectFailure failure) {
        assertThat(POLICY.whenUnreachable()).isEqualTo(WhenUnreachable.FAIL_FAST);
        assertThat(POLICY.retries(Optional.of(failure), false)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(ConnectFailure.class)
    void aConnectFailureAfterTheEndpointAnsweredIsRetriedAsARestart(ConnectFailure failure) {
        assertThat(POLICY.retries(Optional.of(failure), true)).isTrue();
    }

    @Test
    void whatARunningServerDoesIsRetriedWhetherOrNotItAnsweredBefore() {
        // A timeout, a reset, a TLS failure or an answer cut short: a connection was made, or may have been.
        assertThat(POLICY.retries(Optional.empty(), false)).isTrue();
        assertThat(POLICY.retries(Optional.empty(), true)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(ConnectFailure.class)
    void firmwareThatWaitsForItsServerRetriesEvenAnEndpointThatNeverAnswered(ConnectFailure failure) {
        RetryPolicy firmware = POLICY.withUnreachable(WhenUnreachable.RETRY);

        assertThat(firmware.retries(Optional.of(failure), false)).isTrue();
        assertThat(firmware.withDeadline(POLICY.deadline().multipliedBy(2)).whenUnreachable()).isEqualTo(WhenUnreachable.RETRY);
    }

    @Test
    void theOtherSettersKeepTheChoice() {
        RetryPolicy changed = POLICY.withDeadline(POLICY.deadline().plusSeconds(1))
                .withRequestTimeout(POLICY.requestTimeout().plusSeconds(1))
                .withPollBounds(POLICY.defaultPoll(), POLICY.minPoll(), POLICY.maxPoll())
                .withBackoff(POLICY.backoffBase(), POLICY.backoffMax(), POLICY.jitter());

        assertThat(changed.whenUnreachable()).isEqualTo(WhenUnreachable.FAIL_FAST);
    }
}
