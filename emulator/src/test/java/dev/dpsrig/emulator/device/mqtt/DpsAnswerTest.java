package dev.dpsrig.emulator.device.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.protocol.dps.DpsErrorBody;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** DPS's answers over MQTT as the registration state machine reads them. */
class DpsAnswerTest {

    @Test
    void theStatusRidAndRetryAfterComeFromTheResponseTopic() {
        DpsAnswer answer = DpsAnswer.parse("$dps/registrations/res/202/?$rid=7&retry-after=3",
                "{\"status\":\"assigning\"}".getBytes(StandardCharsets.UTF_8)).orElseThrow();

        assertThat(answer.rid()).isEqualTo("7");
        assertThat(answer.answer().status()).isEqualTo(202);
        assertThat(answer.answer().retryAfter()).contains("3");
        assertThat(answer.answer().text()).isEqualTo("{\"status\":\"assigning\"}");
    }

    @Test
    void aRidWithoutItsDollarIsReadAndTopicsThatAreNoAnswerAreNot() {
        assertThat(DpsAnswer.parse("$dps/registrations/res/200/?rid=9", new byte[0])).hasValueSatisfying(answer -> {
            assertThat(answer.rid()).isEqualTo("9");
            assertThat(answer.answer().retryAfter()).isEmpty();
        });
        assertThat(DpsAnswer.parse("$dps/registrations/res/abc/?$rid=1", new byte[0])).isEmpty();
        assertThat(DpsAnswer.parse("$dps/registrations/res/200/", new byte[0])).isEmpty();
        assertThat(DpsAnswer.parse("devices/d/messages/devicebound/", new byte[0])).isEmpty();
    }

    @Test
    void aRefusedConnackIsAnsweredAsHttpsWouldWithTheCodeAndItsMeaning() {
        assertThat(DpsAnswer.refused(new ConnackRefusal(5))).satisfies(answer -> {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(DpsErrorBody.read(answer.text()).message()).contains(
                    "the server refused the MQTT connection: CONNACK 5 (not authorized)");
        });
        assertThat(DpsAnswer.refused(new ConnackRefusal(3)).status()).isEqualTo(503);
        assertThat(DpsAnswer.refused(new ConnackRefusal(2)).status()).isEqualTo(400);
    }
}
