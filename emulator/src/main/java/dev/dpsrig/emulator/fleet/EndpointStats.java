package dev.dpsrig.emulator.fleet;

import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one endpoint of a fleet run answered (e.g. {@code https register PUT}, {@code mqtt telemetry publish}): each
 * result with how often it came (an HTTP status such as {@code 202} or {@code 429}, {@code PUBACK}, {@code CONNACK 5},
 * {@code timeout}, {@code connection closed}, {@code connection refused}, {@code connection error}), and how many of its
 * requests were retries of an earlier one after a 429, a 5xx or a connection failure.
 */
public record EndpointStats(Map<String, Long> results, long retries) {
    public EndpointStats {
        results = Collections.unmodifiableMap(new TreeMap<>(results));
    }

    /** All requests with a result. */
    public long total() {
        return results.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Requests whose result was a success: a 2xx status or a PUBACK. */
    public long ok() {
        return results.entrySet().stream().filter(e -> isOk(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    /** Whether {@code result} counts as a success. */
    public static boolean isOk(String result) {
        return result.equals(RequestResult.PUBACK) || result.length() == 3 && result.charAt(0) == '2' && result.chars().allMatch(Character::isDigit);
    }

    /** This endpoint's counts and {@code other}'s added. */
    EndpointStats plus(EndpointStats other) {
        Map<String, Long> sum = new TreeMap<>(results);
        other.results.forEach((result, count) -> sum.merge(result, count, Long::sum));
        return new EndpointStats(sum, retries + other.retries);
    }

    JsonObject toJson() {
        JsonObjectBuilder counts = Jsonp.createObjectBuilder();
        results.forEach(counts::add);
        return Jsonp.createObjectBuilder().add("results", counts).add("retries", retries).build();
    }

    static EndpointStats fromJson(JsonObject json) {
        Map<String, Long> results = new TreeMap<>();
        json.getJsonObject("results").forEach((result, count) -> results.put(result, ((JsonNumber) count).longValue()));
        return new EndpointStats(results, json.getJsonNumber("retries").longValue());
    }
}
