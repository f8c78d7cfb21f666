package dev.dpsrig.app.cli.dps.benchmark;

import dev.dpsrig.app.bench.Outcome;
import dev.dpsrig.protocol.Jsonp;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.Optional;

/**
 * A device's side of DPS registration, as bare as it can be: no retries, no waits, no timeline. The benchmark
 * measures the server, so its clients spend as little as they can, and check every answer all the same.
 */
final class DeviceProtocol {
    private static final String API_VERSION = "2021-06-01";
    /** With no assignment delay the first lookup is final; this many means an operation is stuck. */
    private static final int MAX_POLLS = 50;

    private DeviceProtocol() {
    }

    /** The two exchanges of a registration, over whatever carries them: HTTPS requests or MQTT publishes. */
    interface Exchanges {
        /** Register: {@code PUT .../register} over HTTPS. */
        Answer register() throws Exception;

        /** Look the operation up: {@code GET .../operations/{id}} over HTTPS. */
        Answer operation(String operationId) throws Exception;
    }

    /** Over HTTPS, a request each on {@code client}'s connection. */
    static Outcome register(Http1Client client, String idScope, String registrationId, Optional<String> authorization) throws Exception {
        String base = "/" + idScope + "/registrations/" + registrationId;
        String body = Jsonp.createObjectBuilder().add("registrationId", registrationId).build().toString();
        return register(registrationId, new Exchanges() {
            @Override
            public Answer register() {
                return send(client.put(base + "/register"), authorization, Optional.of(body));
            }

            @Override
            public Answer operation(String operationId) {
                return send(client.get(base + "/operations/" + operationId), authorization, Optional.empty());
            }
        });
    }

    /** Register, then look the operation up until it is no longer assigning; the outcome must be assigned. */
    static Outcome register(String registrationId, Exchanges exchanges) throws Exception {
        Answer answer = exchanges.register();
        int requests = 1;
        if (answer.status() != 202) {
            return Outcome.unexpected(requests, "register of " + registrationId + " answered " + answer);
        }
        String operationId = answer.json().getString("operationId", "");
        // Retry-After is at least a second, but with no assignment delay a re-poll can only be a race with the timer.
        do {
            answer = exchanges.operation(operationId);
            requests++;
        } while (answer.status() == 202 && requests <= MAX_POLLS);
        return assigned(answer, registrationId) ? Outcome.expected(requests)
                : Outcome.unexpected(requests, "operation lookup of " + registrationId + " answered " + answer);
    }

    private static boolean assigned(Answer answer, String registrationId) {
        if (answer.status() != 200) {
            return false;
        }
        JsonObject json = answer.json();
        JsonObject state = json.getJsonObject("registrationState");
        return json.getString("status", "").equals("assigned") && state != null
                && state.getString("registrationId", "").equalsIgnoreCase(registrationId)
                && !state.getString("assignedHub", "").isEmpty();
    }

    private static Answer send(Http1ClientRequest request, Optional<String> authorization, Optional<String> body) {
        request.queryParam("api-version", API_VERSION);
        authorization.ifPresent(value -> request.header(HeaderNames.AUTHORIZATION, value));
        try (HttpClientResponse response = body.isPresent()
                ? request.contentType(MediaTypes.APPLICATION_JSON).submit(body.get())
                : request.request()) {
            return new Answer(response.status().code(), response.as(String.class));
        }
    }

    /** An answer's status and body, read whole. */
    record Answer(int status, String body) {
        JsonObject json() {
            try (JsonReader reader = Jsonp.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        @Override
        public String toString() {
            return status + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }
}
