package dev.dpsrig.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;

/** Checks on DPS answers that every test repeats. */
final class DpsAssertions {
    private DpsAssertions() {
    }

    /**
     * A refusal in the DPS error format: the status, {@code Content-Type: application/json; charset=utf-8},
     * {@code x-ms-error-code} equal to the body's {@code errorCode}, a {@code trackingId}, a
     * seven-digit {@code timestampUtc}, and a message saying what was wrong.
     */
    static void assertDpsError(CurlResponse response, int status, int errorCode, String messageFragment) {
        String context = DpsClient.describe(response);
        assertThat(response.status()).as(context).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(context).contains("application/json; charset=utf-8");
        JsonObject body = response.json();
        assertThat(body.getInt("errorCode")).as(context).isEqualTo(errorCode);
        assertThat(response.header("x-ms-error-code")).as(context).contains(Integer.toString(body.getInt("errorCode")));
        assertThat(body.getString("trackingId", "")).as(context).isNotBlank();
        assertThat(body.getString("timestampUtc", "")).as(context).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z");
        assertThat(body.getString("message", "")).as(context).contains(messageFragment);
    }

    /** The terminal operation lookup of a device that got a hub. */
    static JsonObject assertAssigned(CurlResponse outcome) {
        String context = DpsClient.describe(outcome);
        assertThat(outcome.status()).as(context).isEqualTo(200);
        assertThat(outcome.json().getString("status")).as(context).isEqualTo("assigned");
        JsonObject state = outcome.json().getJsonObject("registrationState");
        assertThat(state.getString("status")).as(context).isEqualTo("assigned");
        assertThat(state.getString("assignedHub", "")).as(context).isNotBlank();
        assertThat(state.getString("deviceId", "")).as(context).isNotBlank();
        return state;
    }
}
