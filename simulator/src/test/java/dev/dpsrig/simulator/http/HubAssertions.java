package dev.dpsrig.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;

/** Checks on simulated IoT hub answers that every hub test repeats. */
final class HubAssertions {
    private HubAssertions() {
    }

    /**
     * A refusal in IoT Hub's current error format: the status, {@code Content-Type: application/json; charset=utf-8},
     * an {@code iothub-errorcode} header naming the code, and a body {@code {"Message": "<JSON>", "ExceptionMessage": ""}}
     * whose {@code Message} is a JSON <em>string</em> holding {@code errorCode} (agreeing with the header, as the C#
     * SDK checks), {@code trackingId}, {@code timestampUtc} and a {@code message} saying what was wrong.
     *
     * @return the decoded inner message object
     */
    static JsonObject assertHubError(CurlResponse response, int status, String errorCodeName, int errorCode, String messageFragment) {
        String context = DpsClient.describe(response);
        assertThat(response.status()).as(context).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(context).contains("application/json; charset=utf-8");
        assertThat(response.header("iothub-errorcode")).as(context).contains(errorCodeName);
        JsonObject outer = response.json();
        assertThat(outer.keySet()).as(context).containsExactlyInAnyOrder("Message", "ExceptionMessage");
        assertThat(outer.getString("ExceptionMessage")).as(context).isEmpty();
        assertThat(outer.get("Message").getValueType()).as(context).isEqualTo(JsonValue.ValueType.STRING);
        JsonObject inner = Json.createReader(new StringReader(outer.getString("Message"))).readObject();
        assertThat(inner.getInt("errorCode")).as(context).isEqualTo(errorCode);
        assertThat(errorCode / 1000).as("the code's first three digits are the HTTP status").isEqualTo(status);
        assertThat(inner.getString("trackingId", "")).as(context).isNotBlank();
        assertThat(inner.getString("timestampUtc", "")).as(context).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z");
        assertThat(inner.getString("message", "")).as(context).contains(messageFragment);
        return inner;
    }

    /** The hub's 204 for an accepted message or settlement: no body. */
    static void assertNoContent(CurlResponse response) {
        String context = DpsClient.describe(response);
        assertThat(response.status()).as(context).isEqualTo(204);
        assertThat(response.body()).as(context).isEmpty();
    }
}
