package dev.dpsrig.emulator.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.dpsrig.protocol.Substatus;
import dev.dpsrig.protocol.dps.DeviceRegistration;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The registration state machine against a scripted DPS, without sockets: what it sends, how long it
 * waits, and how each answer ends it.
 */
class ProvisioningClientTest {
    private static final DpsEndpoint DPS = DpsEndpoint.of("dps.example", "0ne00SCRIPT", List.of());
    private static final DeviceAttestation DEVICE = DeviceAttestation.SymmetricKey.individual("dev-1", "a2V5LW9mLWRldi0x");

    /** A DPS that answers from a script, recording what it was asked; its clock moves only when the device waits. */
    private static final class ScriptedDps implements ProvisioningLink, Waiter {
        final Deque<Object> script = new ArrayDeque<>();
        final List<String> asked = new ArrayList<>();
        final List<Duration> waits = new ArrayList<>();
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        final Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };

        ScriptedDps answer(int status, String retryAfter, String body) {
            script.add(new Answer(status, Optional.ofNullable(retryAfter), body, Optional.of("req-" + script.size())));
            return this;
        }

        ScriptedDps fail(DeviceTransport.TransportFailure failure) {
            script.add(failure);
            return this;
        }

        @Override
        public Session open(DeviceAttestation attestation) {
            return new Session() {
                @Override
                public Answer register(DeviceRegistration registration, Duration timeout) throws DeviceTransport.TransportFailure {
                    asked.add("register " + registration.toJson());
                    return next();
                }

                @Override
                public Answer operationStatus(String operationId, Duration timeout) throws DeviceTransport.TransportFailure {
                    asked.add("lookup " + operationId);
                    return next();
                }

                @Override
                public void close() {
                }
            };
        }

        private Answer next() throws DeviceTransport.TransportFailure {
            Object next = script.removeFirst();
            if (next instanceof DeviceTransport.TransportFailure failure) {
                throw failure;
            }
            return (Answer) next;
        }

        @Override
        public boolean hasAnswered(String endpoint) {
            return false;
        }

        @Override
        public void await(Duration wait) {
            waits.add(wait);
            now = now.plus(wait);
        }

        RegistrationResult register() throws InterruptedException {
            return new ProvisioningClient(DPS, this, RetryPolicy.DEFAULTS, clock, this)
                    .register(DEVICE, Optional.empty(), new Timeline(), new SplittableRandom(1));
        }
    }

    private static String assigning(String operationId) {
        return "{\"operationId\":\"" + operationId + "\",\"status\":\"assigning\"}";
    }

    private static String assigned(String operationId, String substatus) {
        return "{\"operationId\":\"" + operationId + "\",\"status\":\"assigned\",\"registrationState\":{\"registrationId\":\"dev-1\","
                + "\"assignedHub\":\"hub-1.example\",\"deviceId\":\"dev-1\",\"status\":\"assigned\",\"substatus\":\"" + substatus + "\"}}";
    }

    @Test
    void registersPollsAtTheAskedPaceAndEndsAssigned() throws InterruptedException {
        ScriptedDps dps = new ScriptedDps()
                .answer(202, "3", assigning("op-1"))
                .answer(202, "2", assigning("op-1"))
                .answer(200, null, assigned("op-1", "deviceDataMigrated"));

        RegistrationResult result = dps.register();

        assertThat(dps.asked).containsExactly("register {\"registrationId\":\"dev-1\"}", "lookup op-1", "lookup op-1");
        assertThat(dps.waits).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(2));
        assertThat(result.assignedHub()).isEqualTo("hub-1.example");
        assertThat(result.substatus()).isEqualTo(Substatus.DEVICE_DATA_MIGRATED);
        assertThat(result.operationId()).isEqualTo("op-1");
    }

    @Test
    void throttlingIsRetriedAfterTheAskedWaitAndAnAnswerWithoutOperationIdRegistersAgain() throws InterruptedException {
        ScriptedDps dps = new ScriptedDps()
                .answer(429, "7", "{\"errorCode\":429001,\"trackingId\":\"t\",\"message\":\"throttled\"}")
                .answer(202, "1", assigning("op-1"))
                .answer(202, "1", "{\"status\":\"assigning\"}")
                .answer(202, "1", assigning("op-2"))
                .answer(200, null, assigned("op-2", "initialAssignment"));

        RegistrationResult result = dps.register();

        assertThat(dps.asked).containsExactly("register {\"registrationId\":\"dev-1\"}", "register {\"registrationId\":\"dev-1\"}",
                "lookup op-1", "register {\"registrationId\":\"dev-1\"}", "lookup op-2");
        assertThat(dps.waits.getFirst()).isEqualTo(Duration.ofSeconds(7));
        assertThat(result.operationId()).isEqualTo("op-2");
    }

    @Test
    void aFailedRegistrationEndsWithItsErrorCodeAndMessage() {
        ScriptedDps dps = new ScriptedDps()
                .answer(202, "1", assigning("op-1"))
                .answer(200, null, "{\"operationId\":\"op-1\",\"status\":\"failed\",\"registrationState\":{\"registrationId\":\"dev-1\","
                        + "\"status\":\"failed\",\"errorCode\":400209,\"errorMessage\":\"the custom allocation failed\"}}");

        ProvisioningException failed = catchThrowableOfType(ProvisioningException.class, dps::register);

        assertThat(failed.reason()).isEqualTo(ProvisioningException.Reason.FAILED);
        assertThat(failed.errorCode()).contains(400209);
        assertThat(failed.getMessage()).contains("failed: the custom allocation failed");
    }

    @Test
    void anAnswerThatIsNotAnOperationStatusIsARefusalNamingWhatIsMissing() {
        ScriptedDps dps = new ScriptedDps().answer(202, "1", "{\"operationId\":\"op-1\"}");

        ProvisioningException refused = catchThrowableOfType(ProvisioningException.class, dps::register);

        assertThat(refused.reason()).isEqualTo(ProvisioningException.Reason.REFUSED);
        assertThat(refused.getMessage()).contains("is not an operation status (an operation status has no string field 'status')");
    }

    @Test
    void aDpsThatNeverAnsweredAndRefusesConnectionsEndsTheRegistrationAtOnce() {
        ScriptedDps dps = new ScriptedDps().fail(new DeviceTransport.TransportFailure("dps.example:443", "connect failed",
                new ConnectException("Connection refused")));

        ProvisioningException unreachable = catchThrowableOfType(ProvisioningException.class, dps::register);

        assertThat(unreachable.reason()).isEqualTo(ProvisioningException.Reason.UNREACHABLE);
        assertThat(dps.waits).isEmpty();
    }
}
