package dev.dpsrig.emulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportJsonTest {
    private static Histogram histogram(long seed, int values) {
        Histogram h = FleetReport.histogram();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < values; i++) {
            h.recordValue(random.nextLong(50, 5_000_000));
        }
        return h;
    }

    private static FleetReport report(String shard, long seed, int devices, int buckets) {
        List<FleetReport.Bucket> timeline = new ArrayList<>();
        for (int s = 0; s < buckets; s++) {
            timeline.add(new FleetReport.Bucket(s, Map.of("waiting", 0L, "registering", 1L, "sending", 2L, "done", (long) s,
                    "failed", 0L), s, 2L * s, s % 2, PackedHistogram.of(histogram(seed * 10 + s, s)),
                    PackedHistogram.of(histogram(seed * 20 + s, 2 * s))));
        }
        return new FleetReport(Optional.of(FleetSpec.defaults().withShard(Shard.parse(shard)).toJson()), List.of(shard), devices,
                Map.of("assigned", devices - 1L, "refused", 1L), Map.of("401002", 1L, "hub:ThrottlingException", 2L),
                devices * 3L, devices * 3L - 2, 2, 10 + seed, histogram(seed, devices), histogram(seed + 100, devices),
                histogram(seed + 200, devices * 3), timeline, new FleetReport.Memory(1000, 5000 + seed, 50, 80, 30, devices),
                Map.of("mqtt", new TransportShare(devices - 100L, devices - 101L, devices * 2L, devices * 2L - 2, 2,
                        Map.of("hub:ThrottlingException", 2L), histogram(seed + 300, devices), histogram(seed + 400, devices),
                        histogram(seed + 500, devices * 2)),
                        "https", new TransportShare(100, 100, devices, devices, 0, Map.of("401002", 1L), histogram(seed + 600, 10),
                                histogram(seed + 700, 10), histogram(seed + 800, devices))),
                Optional.of(Instant.parse("2026-01-01T10:00:00Z").plusSeconds(seed)), requests(seed));
    }

    private static Requests requests(long seed) {
        return new Requests(Map.of("https register PUT", new EndpointStats(Map.of("202", 10 * seed, "429", seed), seed),
                "mqtt telemetry publish", new EndpointStats(Map.of("PUBACK", 20 * seed, "timeout", 1L), 1)),
                Map.of("401002", List.of("register refused with 401: sample " + seed)), histogram(seed + 900, 50));
    }

    @Test
    void reportJsonRoundTripsExactly(@TempDir Path dir) throws Exception {
        FleetReport report = report("1/3", 7, 500, 4);
        report.write(dir);

        FleetReport read = FleetReport.read(dir);

        assertThat(read.toJson()).isEqualTo(report.toJson());
        assertThat(read.register()).isEqualTo(report.register());
        assertThat(read.telemetry().getValueAtPercentile(99.9)).isEqualTo(report.telemetry().getValueAtPercentile(99.9));
        String json = Files.readString(dir.resolve("report.json"));
        assertThat(json).contains("\"devices\"", "\"byStatus\"", "\"errors\"", "\"acknowledged\"", "\"registrationsPerSecond\"",
                "\"messagesPerSecond\"", "\"timeToAssigned\"", "\"p50\"", "\"p90\"", "\"p99\"", "\"max\"", "\"hdr\"",
                "\"byTransport\"", "\"mqtt\"", "\"https\"");
        assertThat(read.transports()).containsOnlyKeys("mqtt", "https");
        assertThat(read.transports().get("mqtt").telemetry()).isEqualTo(report.transports().get("mqtt").telemetry());
        assertThat(Files.readString(dir.resolve("report.html"))).startsWith("<!DOCTYPE html>").contains("<svg", "<polyline")
                .doesNotContain("<script");
    }

    @Test
    void mergeAddsCountsAndHistogramsExactly() {
        FleetReport a = report("0/2", 1, 300, 3);
        FleetReport b = report("1/2", 2, 200, 5);

        FleetReport merged = FleetReport.merge(List.of(a, b));

        Histogram all = histogram(1, 300);
        all.add(histogram(2, 200));
        assertThat(merged.register()).isEqualTo(all);
        assertThat(merged.register().getValueAtPercentile(90)).isEqualTo(all.getValueAtPercentile(90));
        assertThat(merged.telemetry().getTotalCount()).isEqualTo(1500);
        assertThat(merged.devices()).isEqualTo(500);
        assertThat(merged.byStatus()).containsExactly(Map.entry("assigned", 498L), Map.entry("refused", 2L));
        assertThat(merged.errors()).containsExactly(Map.entry("401002", 2L), Map.entry("hub:ThrottlingException", 4L));
        assertThat(merged.sent()).isEqualTo(1500);
        assertThat(merged.acknowledged()).isEqualTo(1496);
        assertThat(merged.seconds()).isEqualTo(12);
        assertThat(merged.shards()).containsExactly("0/2", "1/2");
        assertThat(merged.spec()).hasValueSatisfying(spec -> assertThat(spec).doesNotContainKey("shard"));
        assertThat(merged.timeline()).hasSize(5);
        // The shorter shard's devices stay in their last phase after it ended.
        assertThat(merged.timeline().get(4).phases()).containsEntry("done", 4L + 2L).containsEntry("sending", 4L);
        assertThat(merged.timeline().get(4).registrations()).isEqualTo(4);
        assertThat(merged.memory().heapPeakBytes()).isEqualTo(5002);
        // Each transport's share adds up apart.
        TransportShare mqtt = merged.transports().get("mqtt");
        assertThat(mqtt.devices()).isEqualTo(300);
        assertThat(mqtt.assigned()).isEqualTo(298);
        assertThat(mqtt.sent()).isEqualTo(1000);
        assertThat(mqtt.acknowledged()).isEqualTo(996);
        assertThat(mqtt.errors()).containsExactly(Map.entry("hub:ThrottlingException", 4L));
        Histogram mqttTelemetry = histogram(501, 600);
        mqttTelemetry.add(histogram(502, 400));
        assertThat(mqtt.telemetry()).isEqualTo(mqttTelemetry);
        assertThat(merged.transports().get("https").devices()).isEqualTo(200);
        assertThat(merged.transports().get("https").errors()).containsExactly(Map.entry("401002", 2L));
        // Merging through report.json gives the same as merging in memory.
        FleetReport viaJson = FleetReport.merge(List.of(FleetReport.fromJson(a.toJson()), FleetReport.fromJson(b.toJson())));
        assertThat(viaJson.toJson()).isEqualTo(merged.toJson());
        assertThatThrownBy(() -> FleetReport.merge(List.of(a, a))).hasMessageContaining("shard 0/2 is in more than one report");
        // Endpoint results, retries, samples, polls and each second's latencies add up too; the earliest start is kept.
        assertThat(merged.startedAt()).contains(Instant.parse("2026-01-01T10:00:01Z"));
        assertThat(merged.requests().endpoints().get("https register PUT"))
                .isEqualTo(new EndpointStats(Map.of("202", 30L, "429", 3L), 3));
        assertThat(merged.requests().endpoints().get("mqtt telemetry publish").results()).containsEntry("timeout", 2L);
        assertThat(merged.requests().errorSamples().get("401002"))
                .containsExactly("register refused with 401: sample 1", "register refused with 401: sample 2");
        assertThat(merged.requests().poll().getTotalCount()).isEqualTo(100);
        Histogram second2 = histogram(12, 2);
        second2.add(histogram(22, 2));
        assertThat(merged.timeline().get(2).registration().unpack()).isEqualTo(second2);
        assertThat(merged.timeline().get(4).telemetry().unpack()).isEqualTo(histogram(44, 8));
    }
}
