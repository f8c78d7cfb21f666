package dev.dpsrig.emulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.certs.KeyType;
import dev.dpsrig.emulator.device.DeviceTransport.ConnectionModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetSpecTest {
    @Test
    void defaultsAreAWholeFleetOfGroupSymmetricKeyDevices() {
        FleetSpec spec = FleetSpec.defaults();
        assertThat(spec.devices()).isEqualTo(100);
        assertThat(spec.mix()).containsExactly(Map.entry(FleetAttestation.GROUP_SYMMETRIC_KEY, 1));
        assertThat(spec.connection()).isEqualTo(ConnectionModel.CONNECTION_PER_REQUEST);
        assertThat(spec.shard()).isEqualTo(Shard.WHOLE);
        assertThat(spec.payload()).isEqualTo(PayloadTemplate.DEFAULT);
        assertThat(spec.registrationId(42)).isEqualTo("fleet-000042");
        assertThat(spec.enroll()).isFalse();
        assertThat(spec.messagesPerDevice()).isZero();
    }

    @Test
    void everyKeyIsRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("fleet.json");
        Files.writeString(file, """
                {"devices": 2000, "idPattern": "s-%04d", "attestation": {"x509-group": 3, "individual-symmetric-key": 1},
                 "keyType": "rsa2048", "enroll": true, "ramp": 250.5, "concurrency": 64, "telemetryInterval": "250ms",
                 "telemetryDuration": "2m", "payload": "{\\"i\\":${index}}", "seed": 42, "connection": "shared-pool",
                 "shard": "2/4", "deadline": "30s", "pollInterval": 0.5, "enrollmentGroup": "bench",
                 "transport": {"mqtt": 7, "https": 3}}""");

        FleetSpec spec = FleetSpec.read(file);

        assertThat(spec.devices()).isEqualTo(2000);
        assertThat(spec.registrationId(7)).isEqualTo("s-0007");
        assertThat(spec.mix()).containsExactly(Map.entry(FleetAttestation.X509_GROUP, 3),
                Map.entry(FleetAttestation.INDIVIDUAL_SYMMETRIC_KEY, 1));
        assertThat(spec.keyType()).isEqualTo(KeyType.RSA_2048);
        assertThat(spec.enroll()).isTrue();
        assertThat(spec.ramp()).isEqualTo(250.5);
        assertThat(spec.concurrency()).isEqualTo(64);
        assertThat(spec.telemetryInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(spec.telemetryDuration()).contains(Duration.ofMinutes(2));
        assertThat(spec.messagesPerDevice()).isEqualTo(480);
        assertThat(spec.seed()).isEqualTo(42);
        assertThat(spec.connection()).isEqualTo(ConnectionModel.SHARED_POOL);
        assertThat(spec.shard()).isEqualTo(new Shard(2, 4));
        assertThat(spec.deadline()).isEqualTo(Duration.ofSeconds(30));
        assertThat(spec.pollInterval()).contains(Duration.ofMillis(500));
        assertThat(spec.enrollmentGroup()).isEqualTo("bench");
        assertThat(spec.transports()).containsExactly(Map.entry(FleetTransport.MQTT, 7), Map.entry(FleetTransport.HTTPS, 3));
        assertThat(FleetSpec.parse(spec.toJson())).isEqualTo(spec);
    }

    @Test
    void aTransportMixIsDrawnPerDeviceFromTheSeedAndRepeats() {
        FleetSpec spec = FleetSpec.parse("""
                {"devices": 1000, "transport": "mqtt=70,https=30", "attestation": "group-symmetric-key:1,x509-group:1"}""");
        Map<FleetTransport, Long> counts = LongStream.range(0, 1000).mapToObj(spec::transportOf)
                .collect(java.util.stream.Collectors.groupingBy(t -> t, java.util.stream.Collectors.counting()));

        assertThat(FleetSpec.defaults().transports()).containsExactly(Map.entry(FleetTransport.HTTPS, 1));
        assertThat(spec.transportsInUse()).containsExactly(FleetTransport.MQTT, FleetTransport.HTTPS);
        assertThat(counts).containsOnlyKeys(FleetTransport.MQTT, FleetTransport.HTTPS);
        assertThat(counts.get(FleetTransport.MQTT)).isBetween(640L, 760L);
        assertThat(LongStream.range(0, 1000).mapToObj(spec::transportOf).toList())
                .isEqualTo(LongStream.range(0, 1000).mapToObj(FleetSpec.parse(spec.toJson()).withShard(new Shard(1, 4))::transportOf).toList())
                .isNotEqualTo(LongStream.range(0, 1000).mapToObj(spec.withSeed(2)::transportOf).toList());
        // Not tied to the attestation: both kinds go over both transports.
        assertThat(LongStream.range(0, 1000).filter(i -> spec.attestationOf(i).isX509())
                .mapToObj(spec::transportOf).distinct().count()).isEqualTo(2);
        assertThatThrownBy(() -> FleetSpec.parse("{\"transport\": \"mqtt,carrier-pigeon\"}"))
                .hasMessageContaining("unknown transport 'carrier-pigeon'; one of https, mqtt, mqtt-ws");
        assertThatThrownBy(() -> FleetSpec.parse("{\"transport\": \"mqtt:0\"}"))
                .hasMessageContaining("transport mix needs at least one transport with a positive weight");
    }

    @Test
    void mixAssignsKindsByIndexInWeightOrder() {
        FleetSpec spec = FleetSpec.parse("{\"attestation\": \"group-symmetric-key:2,x509-group:1,x509-individual\"}");
        assertThat(LongStream.range(0, 8).mapToObj(spec::attestationOf).toList()).containsExactly(
                FleetAttestation.GROUP_SYMMETRIC_KEY, FleetAttestation.GROUP_SYMMETRIC_KEY, FleetAttestation.X509_GROUP,
                FleetAttestation.X509_INDIVIDUAL, FleetAttestation.GROUP_SYMMETRIC_KEY, FleetAttestation.GROUP_SYMMETRIC_KEY,
                FleetAttestation.X509_GROUP, FleetAttestation.X509_INDIVIDUAL);
    }

    @Test
    void durationsTakeUnitsAndBareSeconds() {
        assertThat(FleetSpec.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(FleetSpec.parseDuration("5")).isEqualTo(Duration.ofSeconds(5));
        assertThat(FleetSpec.parseDuration("1.5m")).isEqualTo(Duration.ofSeconds(90));
        assertThat(FleetSpec.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> FleetSpec.parseDuration("soon")).hasMessageContaining("not a duration");
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> FleetSpec.parse("{\"devise\": 3}")).hasMessageContaining("unknown fleet spec key(s) [devise]");
        assertThatThrownBy(() -> FleetSpec.parse("{\"devices\": 0}")).hasMessageContaining("devices must be at least 1");
        assertThatThrownBy(() -> FleetSpec.parse("{\"attestation\": \"tpm\"}")).hasMessageContaining("unknown attestation 'tpm'");
        assertThatThrownBy(() -> FleetSpec.parse("{\"idPattern\": \"same\"}")).hasMessageContaining("distinct registration ids");
        assertThatThrownBy(() -> FleetSpec.parse("{\"idPattern\": \"Upper-%d\"}")).hasMessageContaining("lower-case");
        assertThatThrownBy(() -> FleetSpec.parse("{\"connection\": \"mqtt\"}")).hasMessageContaining("per-device or shared-pool");
        assertThatThrownBy(() -> FleetSpec.parse("{\"payload\": \"${nope}\"}")).hasMessageContaining("unknown variable ${nope}");
        assertThatThrownBy(() -> FleetSpec.parse("{\"enroll\": \"yes\"}")).hasMessageContaining("enroll is not true or false");
        assertThatThrownBy(() -> FleetSpec.parse("[1]")).hasMessageContaining("not a JSON object");
        assertThat(FleetSpec.parse("{\"telemetryCount\": 3}").telemetryDuration()).isEqualTo(Optional.empty());
    }
}
