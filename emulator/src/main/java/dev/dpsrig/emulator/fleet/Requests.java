package dev.dpsrig.emulator.fleet;

import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * A fleet run's requests: each endpoint's results and retries, a few distinct messages of each error code, and each
 * poll's time from when it was due to its answer (microseconds).
 *
 * @param endpoints    by endpoint name, such as {@code https register PUT} or {@code mqtt telemetry publish}
 * @param errorSamples by error code (as {@link FleetReport#errors()} words it), at most {@value RequestTally#SAMPLES} distinct messages
 */
public record Requests(Map<String, EndpointStats> endpoints, Map<String, List<String>> errorSamples, Histogram poll) {
    public Requests {
        endpoints = Collections.unmodifiableMap(new TreeMap<>(endpoints));
        Map<String, List<String>> copied = new TreeMap<>();
        errorSamples.forEach((code, messages) -> copied.put(code, List.copyOf(messages)));
        errorSamples = Collections.unmodifiableMap(copied);
    }

    /** No requests: what reports written before requests were counted read as. */
    static Requests none() {
        return new Requests(Map.of(), Map.of(), FleetReport.histogram());
    }

    /** All retries, on every endpoint. */
    public long retries() {
        return endpoints.values().stream().mapToLong(EndpointStats::retries).sum();
    }

    /** These requests and {@code other}'s: counts and the histogram add exactly, samples join up to the bound. */
    Requests plus(Requests other) {
        Map<String, EndpointStats> sum = new LinkedHashMap<>(endpoints);
        other.endpoints.forEach((name, stats) -> sum.merge(name, stats, EndpointStats::plus));
        Map<String, List<String>> samples = new LinkedHashMap<>(errorSamples);
        other.errorSamples.forEach((code, messages) -> samples.merge(code, messages, (a, b) -> {
            List<String> joined = new ArrayList<>(a);
            b.stream().filter(m -> !joined.contains(m)).forEach(joined::add);
            return joined.subList(0, Math.min(RequestTally.SAMPLES, joined.size()));
        }));
        Histogram polls = FleetReport.histogram();
        polls.add(poll);
        polls.add(other.poll);
        return new Requests(sum, samples, polls);
    }

    JsonObject toJson() {
        JsonObjectBuilder byEndpoint = Jsonp.createObjectBuilder();
        endpoints.forEach((name, stats) -> byEndpoint.add(name, stats.toJson()));
        JsonObjectBuilder samples = Jsonp.createObjectBuilder();
        errorSamples.forEach((code, messages) -> {
            JsonArrayBuilder array = Jsonp.createArrayBuilder();
            messages.forEach(array::add);
            samples.add(code, array);
        });
        return Jsonp.createObjectBuilder().add("endpoints", byEndpoint).add("errorSamples", samples)
                .add("poll", FleetReport.histogramJson(poll)).build();
    }

    static Requests fromJson(JsonObject json) {
        Map<String, EndpointStats> endpoints = new LinkedHashMap<>();
        json.getJsonObject("endpoints").forEach((name, stats) -> endpoints.put(name, EndpointStats.fromJson(stats.asJsonObject())));
        Map<String, List<String>> samples = new LinkedHashMap<>();
        json.getJsonObject("errorSamples").forEach((code, messages) ->
                samples.put(code, messages.asJsonArray().getValuesAs(JsonString::getString)));
        return new Requests(endpoints, samples, FleetReport.readHistogram(json.getJsonObject("poll")));
    }
}
