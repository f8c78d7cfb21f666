package dev.dpsrig.protocol.hub;

import dev.dpsrig.protocol.DpsTimestamps;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.WireFields;
import dev.dpsrig.protocol.WireFormatException;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * How a cloud-to-device message left its queue, as the inspection API lists it under
 * {@code /dpsrig/hubs/{hub}/settlements}: what a sender's feedback would report.
 *
 * @param deliveryCount the deliveries counted when it left
 * @param at            when it left
 */
public record SettlementView(CloudToDeviceView message, Outcome outcome, int deliveryCount, Instant at) {
    private static final String WHAT = "a settlement";

    /** Why the message left, written in lower case: {@code completed}, {@code delivery_count_exceeded}, ... */
    public enum Outcome {
        COMPLETED,
        REJECTED,
        DELIVERY_COUNT_EXCEEDED,
        EXPIRED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Outcome fromWire(String text) {
            return Arrays.stream(values()).filter(outcome -> outcome.wireName().equals(text)).findFirst()
                    .orElseThrow(() -> new WireFormatException(WHAT + " has an unknown outcome '" + text + "'"));
        }
    }

    public JsonObject toJson() {
        return Jsonp.createObjectBuilder()
                .add("message", message.toJson())
                .add("outcome", outcome.wireName())
                .add("deliveryCount", deliveryCount)
                .add("at", DpsTimestamps.format(at))
                .build();
    }

    public static SettlementView fromJson(JsonObject json) {
        return new SettlementView(
                CloudToDeviceView.fromJson(WireFields.requiredObject(json, "message", WHAT)),
                Outcome.fromWire(WireFields.requiredString(json, "outcome", WHAT)),
                WireFields.requiredInt(json, "deliveryCount", WHAT),
                WireFields.requiredInstant(json, "at", WHAT));
    }
}
