package dev.dpsrig.simulator.fault;

import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Fault rules as data. One rule is a JSON object (or the same in YAML):
 *
 * <pre>{@code
 * {"id": "first-register-throttled", "endpoint": "register", "device": "my-dev", "kind": "throttle",
 *  "retryAfter": 2, "calls": "1", "times": 1}
 * }</pre>
 *
 * <p>{@code device}: an id, a pattern with {@code *}/{@code ?}, or {@code *} (the default). When: at
 * most one of {@code calls} ({@code "3"}, {@code "2..4"}, {@code "5.."}), {@code probability} with
 * {@code seed}, or {@code window} in seconds after the rule is armed ({@code "10..30"}); without one,
 * every matching call. Per kind: {@code throttle} takes {@code retryAfter} (seconds, default 1);
 * {@code server-error} {@code status} (500 or 503, default 503); {@code delay} and
 * {@code slow-handshake} {@code delayMillis}; {@code drop-connection} {@code at}
 * ({@code after-request} or {@code mid-response}); {@code malformed-answer} {@code malformation}
 * ({@code truncated-json}, {@code missing-operation-id}, {@code non-integer-retry-after});
 * {@code assignment-failed} {@code errorCode} and {@code errorMessage}; {@code keep-assigning}
 * {@code polls}; {@code connect-refused} (endpoint {@code dps-connect}, MQTT only) {@code connackCode} (1 to 5,
 * default 3, server unavailable); {@code authentication-error} nothing. {@code transport} ({@code https} or
 * {@code mqtt}) keeps a rule to the calls over that protocol; without it, a rule strikes both.
 */
public final class FaultRules {
    private static final Set<String> FIELDS = Set.of("id", "endpoint", "device", "kind", "calls", "probability", "seed",
            "window", "times", "retryAfter", "status", "delayMillis", "at", "malformation", "errorCode", "errorMessage", "polls",
            "transport", "connackCode");

    private FaultRules() {
    }

    /** A plan: a JSON array of rules, or an object whose {@code rules} is one. */
    public static List<FaultRule> parsePlan(JsonValue plan, Supplier<String> ids) {
        JsonArray rules = switch (plan.getValueType()) {
            case ARRAY -> plan.asJsonArray();
            case OBJECT -> {
                JsonValue inside = plan.asJsonObject().get("rules");
                if (inside == null || inside.getValueType() != JsonValue.ValueType.ARRAY) {
                    throw new IllegalArgumentException("a fault plan is a list of rules, or an object whose \"rules\" is one");
                }
                yield inside.asJsonArray();
            }
            default -> throw new IllegalArgumentException("a fault plan is a list of rules, not " + plan.getValueType());
        };
        List<FaultRule> parsed = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).getValueType() != JsonValue.ValueType.OBJECT) {
                throw new IllegalArgumentException("rule " + (i + 1) + " is not an object");
            }
            try {
                parsed.add(parse(rules.get(i).asJsonObject(), ids));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("rule " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return parsed;
    }

    public static FaultRule parse(JsonObject json, Supplier<String> ids) {
        for (String field : json.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown field '" + field + "'; the fields are " + new TreeSet<>(FIELDS));
            }
        }
        String id = json.containsKey("id") ? string(json, "id") : ids.get();
        Endpoint endpoint = Endpoint.parse(required(json, "endpoint"));
        DeviceMatcher devices = json.containsKey("device") ? new DeviceMatcher(string(json, "device")) : DeviceMatcher.EVERY_DEVICE;
        Fault fault = fault(required(json, "kind"), json);
        OptionalLong times = json.containsKey("times") ? OptionalLong.of(whole(json, "times")) : OptionalLong.empty();
        Optional<Transport> transport = json.containsKey("transport") ? Optional.of(Transport.parse(string(json, "transport")))
                : Optional.empty();
        return new FaultRule(id, endpoint, devices, trigger(json), times, fault, transport);
    }

    private static Trigger trigger(JsonObject json) {
        List<String> given = List.of("calls", "probability", "window").stream().filter(json::containsKey).toList();
        if (given.size() > 1) {
            throw new IllegalArgumentException("give at most one of calls, probability and window, not " + given);
        }
        if (json.containsKey("seed") && !json.containsKey("probability")) {
            throw new IllegalArgumentException("seed goes with probability");
        }
        if (json.containsKey("calls")) {
            String calls = json.get("calls") instanceof JsonNumber number ? number.toString() : string(json, "calls");
            String[] bounds = calls.split("\\.\\.", -1);
            try {
                if (bounds.length > 2) {
                    throw new NumberFormatException();
                }
                long from = Long.parseLong(bounds[0].strip());
                long to = bounds.length == 1 ? from : bounds[1].isBlank() ? Long.MAX_VALUE : Long.parseLong(bounds[1].strip());
                return new Trigger.Calls(from, to);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("calls '" + calls + "' is not N, N..M or N..");
            }
        }
        if (json.containsKey("probability")) {
            return new Trigger.Probability(number(json, "probability").doubleValue(), json.containsKey("seed") ? whole(json, "seed") : 0);
        }
        if (json.containsKey("window")) {
            String window = string(json, "window");
            String[] bounds = window.split("\\.\\.", -1);
            try {
                if (bounds.length != 2) {
                    throw new NumberFormatException();
                }
                return new Trigger.Window(seconds(bounds[0]), bounds[1].isBlank() ? Duration.ofDays(36_500) : seconds(bounds[1]));
            } catch (NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException("window '" + window + "' is not FROM..TO or FROM.. in seconds");
            }
        }
        return new Trigger.Always();
    }

    private static Duration seconds(String text) {
        return Duration.ofMillis(new BigDecimal(text.strip()).movePointRight(3).longValueExact());
    }

    private static Fault fault(String kind, JsonObject json) {
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "throttle" -> new Fault.Throttle(json.containsKey("retryAfter") ? wholeInt(json, "retryAfter") : 1);
            case "server-error" -> new Fault.ServerError(json.containsKey("status") ? wholeInt(json, "status") : 503);
            case "delay" -> new Fault.Delay(Duration.ofMillis(whole(json, "delayMillis")));
            case "slow-handshake" -> new Fault.SlowHandshake(Duration.ofMillis(whole(json, "delayMillis")));
            case "drop-connection" -> new Fault.DropConnection(json.containsKey("at")
                    ? enumValue(Fault.DropPoint.class, string(json, "at"), "at") : Fault.DropPoint.AFTER_REQUEST);
            case "malformed-answer" -> new Fault.MalformedAnswer(
                    enumValue(Fault.Malformation.class, required(json, "malformation"), "malformation"));
            case "authentication-error" -> new Fault.AuthenticationError();
            case "assignment-failed" -> new Fault.AssignmentFailed(
                    json.containsKey("errorCode") ? wholeInt(json, "errorCode") : 400209,
                    json.containsKey("errorMessage") ? string(json, "errorMessage") : "the assignment failed (injected fault)");
            case "keep-assigning" -> new Fault.KeepAssigning(wholeInt(json, "polls"));
            case "connect-refused" -> new Fault.ConnectRefused(json.containsKey("connackCode") ? wholeInt(json, "connackCode") : 3);
            default -> throw new IllegalArgumentException("unknown kind '" + kind + "'; one of throttle, server-error, delay,"
                    + " drop-connection, malformed-answer, authentication-error, assignment-failed, keep-assigning, slow-handshake,"
                    + " connect-refused");
        };
    }

    public static JsonObject toJson(FaultRule rule) {
        JsonObjectBuilder json = Jsonp.createObjectBuilder()
                .add("id", rule.id())
                .add("endpoint", rule.endpoint().wireName())
                .add("device", rule.devices().pattern())
                .add("kind", rule.fault().kind());
        rule.transport().ifPresent(transport -> json.add("transport", transport.wireName()));
        switch (rule.when()) {
            case Trigger.Always always -> {
            }
            case Trigger.Calls calls -> json.add("calls", calls.from() == calls.to() ? Long.toString(calls.from())
                    : calls.from() + ".." + (calls.to() == Long.MAX_VALUE ? "" : Long.toString(calls.to())));
            case Trigger.Probability probability -> json.add("probability", probability.probability()).add("seed", probability.seed());
            case Trigger.Window window -> json.add("window", seconds(window.from()) + ".." + seconds(window.to()));
        }
        rule.times().ifPresent(times -> json.add("times", times));
        switch (rule.fault()) {
            case Fault.Throttle throttle -> json.add("retryAfter", throttle.retryAfterSeconds());
            case Fault.ServerError error -> json.add("status", error.status());
            case Fault.Delay delay -> json.add("delayMillis", delay.delay().toMillis());
            case Fault.SlowHandshake slow -> json.add("delayMillis", slow.delay().toMillis());
            case Fault.DropConnection drop -> json.add("at", wire(drop.point()));
            case Fault.MalformedAnswer malformed -> json.add("malformation", wire(malformed.malformation()));
            case Fault.AuthenticationError error -> {
            }
            case Fault.AssignmentFailed failed -> json.add("errorCode", failed.errorCode()).add("errorMessage", failed.errorMessage());
            case Fault.KeepAssigning keep -> json.add("polls", keep.polls());
            case Fault.ConnectRefused refused -> json.add("connackCode", refused.returnCode());
        }
        return json.build();
    }

    public static JsonObject toJson(FaultRecord record) {
        return Jsonp.createObjectBuilder()
                .add("sequence", record.sequence())
                .add("rule", record.ruleId())
                .add("endpoint", record.endpoint().wireName())
                .add("device", record.deviceId())
                .add("call", record.call())
                .add("at", record.at().toString())
                .add("kind", record.fault().kind())
                .build();
    }

    private static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString();
    }

    private static String wire(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String text, String field) {
        for (E value : type.getEnumConstants()) {
            if (wire(value).equalsIgnoreCase(text.strip())) {
                return value;
            }
        }
        throw new IllegalArgumentException(field + " '" + text + "' is not one of "
                + Arrays.stream(type.getEnumConstants()).map(FaultRules::wire).toList());
    }

    private static String required(JsonObject json, String field) {
        if (!json.containsKey(field)) {
            throw new IllegalArgumentException("\"" + field + "\" is required");
        }
        return string(json, field);
    }

    private static String string(JsonObject json, String field) {
        if (!(json.get(field) instanceof JsonString text)) {
            throw new IllegalArgumentException("\"" + field + "\" must be a string, not " + json.get(field));
        }
        return text.getString();
    }

    private static JsonNumber number(JsonObject json, String field) {
        if (!(json.get(field) instanceof JsonNumber number)) {
            throw new IllegalArgumentException("\"" + field + "\" must be a number, not " + json.get(field));
        }
        return number;
    }

    private static long whole(JsonObject json, String field) {
        return whole(json, field, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** A whole number within bounds; one out of range (2^63, or past what the field holds) is refused like any bad value. */
    private static long whole(JsonObject json, String field, long min, long max) {
        JsonNumber number = number(json, field);
        if (!number.isIntegral()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a whole number, not " + number);
        }
        try {
            long value = number.longValueExact();
            if (value >= min && value <= max) {
                return value;
            }
        } catch (ArithmeticException outOfRange) {
            // reported below
        }
        throw new IllegalArgumentException("\"" + field + "\" must be a whole number from " + min + " to " + max + ", not " + number);
    }

    private static int wholeInt(JsonObject json, String field) {
        return (int) whole(json, field, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
}
