package dev.dpsrig.emulator.device.mqtt;

import dev.dpsrig.emulator.device.ProvisioningLink;
import dev.dpsrig.protocol.Jsonp;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An answer of DPS over MQTT as the state machine reads answers: the status and {@code retry-after} from the topic
 * {@code $dps/registrations/res/{status}/?$rid={rid}&retry-after={s}}, the body as it came.
 *
 * @param rid the request id the answer is for
 */
record DpsAnswer(String rid, ProvisioningLink.Answer answer) {
    private static final String PREFIX = "$dps/registrations/res/";

    /** The answer a PUBLISH on {@code topic} carries; empty for a topic that is not a DPS answer. */
    static Optional<DpsAnswer> parse(String topic, byte[] body) {
        if (!topic.startsWith(PREFIX) || topic.indexOf('/', PREFIX.length()) < 0) {
            return Optional.empty();
        }
        int slash = topic.indexOf('/', PREFIX.length());
        int status;
        try {
            status = Integer.parseInt(topic.substring(PREFIX.length(), slash));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        int query = topic.indexOf('?', slash);
        Map<String, String> parameters = new HashMap<>();
        if (query >= 0) {
            for (String pair : topic.substring(query + 1).split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    parameters.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        String rid = parameters.getOrDefault("$rid", parameters.get("rid"));
        if (rid == null) {
            return Optional.empty();
        }
        return Optional.of(new DpsAnswer(rid, new ProvisioningLink.Answer(status, Optional.ofNullable(parameters.get("retry-after")),
                new String(body, StandardCharsets.UTF_8), Optional.empty())));
    }

    /** A refused CONNACK as the HTTPS API would answer the same refusal: its status, and the DPS error body naming the code. */
    static ProvisioningLink.Answer refused(ConnackRefusal refusal) {
        String body = Jsonp.createObjectBuilder().add("message", refusal.getMessage()).build().toString();
        return new ProvisioningLink.Answer(refusal.httpStatus(), Optional.empty(), body, Optional.empty());
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
