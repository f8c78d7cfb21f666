package dev.dpsrig.simulator.mqtt.dps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DpsTopicTest {
    @Test
    void registerAndOperationStatusAreReadWithTheirRequestIdWithOrWithoutTheDollar() {
        assertThat(DpsTopic.parse("$dps/registrations/PUT/iotdps-register/?$rid=1")).contains(new DpsTopic.Register("1"));
        assertThat(DpsTopic.parse("$dps/registrations/PUT/iotdps-register/?rid=5")).contains(new DpsTopic.Register("5"));
        assertThat(DpsTopic.parse("$dps/registrations/PUT/iotdps-register")).contains(new DpsTopic.Register(""));
        assertThat(DpsTopic.parse("$dps/registrations/GET/iotdps-get-operationstatus/?$rid=2&operationId=4.abc.def"))
                .contains(new DpsTopic.OperationStatus("2", Optional.of("4.abc.def")));
        assertThat(DpsTopic.parse("$dps/registrations/GET/iotdps-get-operationstatus/?$rid=2"))
                .contains(new DpsTopic.OperationStatus("2", Optional.empty()));
    }

    @Test
    void otherTopicsAreNotServed() {
        assertThat(DpsTopic.parse("$dps/registrations/POST/iotdps-register/?$rid=1")).isEmpty();
        assertThat(DpsTopic.parse("devices/d1/messages/events/")).isEmpty();
        assertThat(DpsTopic.parse("$dps/registrations/res/202/?$rid=1")).isEmpty();
    }

    @Test
    void answersNameTheStatusTheRequestIdAndForAPollTheRetryAfter() {
        assertThat(DpsTopic.answer(202, "7", Optional.of("3"))).isEqualTo("$dps/registrations/res/202/?$rid=7&retry-after=3");
        assertThat(DpsTopic.answer(401, "", Optional.empty())).isEqualTo("$dps/registrations/res/401/?$rid=");
    }

    @Test
    void theUserNameTakesWhateverClientVersionFollowsTheApiVersion() {
        assertThat(DpsUsername.parse("0ne00000001/registrations/dev-1/api-version=2019-03-31&ClientVersion=2019-03-31"
                + "&ClientVersion=2019-03-31")).contains(new DpsUsername("0ne00000001", "dev-1", "2019-03-31"));
        assertThat(DpsUsername.parse("0ne00000001/registrations/dev-1/api-version=2019-03-31&ClientVersion=azure-iot%2F1.0"))
                .contains(new DpsUsername("0ne00000001", "dev-1", "2019-03-31"));
        assertThat(DpsUsername.parse("0ne00000001/registrations/dev-1")).isEmpty();
        assertThat(DpsUsername.parse("0ne00000001/devices/dev-1/api-version=2019-03-31")).isEmpty();
        assertThat(DpsUsername.parse("hub.example/dev-1/?api-version=2021-04-12")).isEmpty();
    }
}
