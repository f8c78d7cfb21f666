package dev.dpsrig.simulator.fault;

import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** How a {@code malformed-answer} fault damages a DPS answer, whichever transport carries it. */
public final class AnswerDamage {
    /** What a connection dropped mid-answer sends first: the start of a plausible DPS body. */
    public static final String PARTIAL_BODY = "{\"operationId\":\"5.";

    private AnswerDamage() {
    }

    /** The body as sent: cut in half, without its {@code operationId}, or whole. */
    public static byte[] body(JsonObject body, Optional<Fault.Malformation> damage) {
        byte[] whole = (damage.equals(Optional.of(Fault.Malformation.MISSING_OPERATION_ID))
                ? Jsonp.createObjectBuilder(body).remove("operationId").build() : body).toString().getBytes(StandardCharsets.UTF_8);
        return damage.equals(Optional.of(Fault.Malformation.TRUNCATED_JSON)) ? Arrays.copyOf(whole, whole.length / 2) : whole;
    }

    public static byte[] partialBody() {
        return PARTIAL_BODY.getBytes(StandardCharsets.US_ASCII);
    }

    /** The retry-after of a 202 the device is to poll after: these whole seconds, or a number that is not whole. */
    public static String retryAfter(int seconds, Optional<Fault.Malformation> damage) {
        return damage.equals(Optional.of(Fault.Malformation.NON_INTEGER_RETRY_AFTER)) ? "2.5" : Integer.toString(seconds);
    }
}
