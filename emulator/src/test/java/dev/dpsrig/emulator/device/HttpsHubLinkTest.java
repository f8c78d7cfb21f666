package dev.dpsrig.emulator.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.protocol.hub.HubErrorBody;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a device tells of a hub's refusal: the hub's own words when its error body has them. */
class HttpsHubLinkTest {

    @Test
    void theInnerMessageOfTheHubsErrorBodyIsTheReason() {
        String body = new HubErrorBody(404001, "t-1", "device 'd' is not registered", Instant.parse("2026-01-01T00:00:00Z"))
                .toJson().toString();

        assertThat(HttpsHubLink.hubMessage(answer(body))).isEqualTo("device 'd' is not registered");
    }

    @Test
    void aMessageThatHoldsNoJsonIsShownAsItCame() {
        assertThat(HttpsHubLink.hubMessage(answer("{\"Message\":\"gateway closed\",\"ExceptionMessage\":\"\"}"))).isEqualTo("gateway closed");
    }

    @Test
    void anyOtherBodyIsShownAbbreviated() {
        assertThat(HttpsHubLink.hubMessage(answer("<html>bad gateway</html>"))).isEqualTo("<html>bad gateway</html>");
    }

    private static DeviceTransport.Answer answer(String body) {
        return new DeviceTransport.Answer(404, Optional.empty(), Optional.empty(), Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }
}
