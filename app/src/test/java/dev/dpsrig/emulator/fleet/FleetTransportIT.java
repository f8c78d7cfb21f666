package dev.dpsrig.emulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.emulator.client.DevSettings;
import dev.dpsrig.emulator.client.MqttSettings;
import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.emulator.client.ServiceTrust;
import dev.dpsrig.emulator.device.DpsEndpoint;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.settings.ServiceConnectionString;
import dev.dpsrig.simulator.fault.FaultRules;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fleets mixing HTTPS, MQTT over TLS and MQTT over WebSockets against an in-process simulator, found as
 * {@code dev-settings.json} names it: each transport's share counted apart in the report (and kept apart when shards
 * merge), every device's hub connection closed when it is done, and a fault kept to MQTT striking only the MQTT share.
 */
class FleetTransportIT {
    private static LocalSimulator simulator;
    private static DpsEndpoint endpoint;
    private static MqttSettings mqtt;
    private static ServiceApiClient service;

    @TempDir
    static Path identityCache;

    @BeforeAll
    static void start() {
        simulator = LocalSimulator.start(SimulatorConfig.builder().assignmentDelay(Duration.ofMillis(20)).build());
        endpoint = DpsEndpoint.of(simulator.globalEndpoint(), simulator.idScope(), List.of(simulator.trustedRoot()));
        mqtt = DevSettings.read(simulator.devSettingsFile()).mqtt();
        service = new ServiceApiClient(ServiceConnectionString.parse(simulator.serviceConnectionString()),
                ServiceTrust.only(List.of(simulator.trustedRoot())));
    }

    @AfterAll
    static void stop() {
        service.close();
        simulator.close();
    }

    @AfterEach
    void disarm() {
        simulator.faults().clear();
    }

    private static FleetReport run(FleetSpec spec) throws InterruptedException {
        FleetCredentials credentials = new FleetCredentials(spec, Optional.of(identityCache));
        credentials.enroll(service, 16);
        return new FleetRunner(spec, endpoint, mqtt, credentials, progress -> { }).run();
    }

    /** How many of the spec's devices (of the shard) go over each transport, by its name. */
    private static Map<String, Long> expectedDevices(FleetSpec spec) {
        return IntStream.range(0, spec.shard().size(spec.devices())).mapToLong(n -> spec.shard().deviceIndex(n))
                .mapToObj(spec::transportOf).collect(Collectors.groupingBy(FleetTransport::cliName, Collectors.counting()));
    }

    private static Map<String, Long> of(FleetReport report, Function<TransportShare, Long> figure) {
        return report.transports().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> figure.apply(e.getValue())));
    }

    @Test
    void aMixedFleetIsCountedByTransportAndItsMqttDevicesDisconnectWhenDone(@TempDir Path reportDir) throws Exception {
        FleetSpec spec = FleetSpec.parse("""
                {"devices": 90, "idPattern": "mix-%03d", "attestation": "group-symmetric-key:2,x509-group:1",
                 "transport": "mqtt:1,https:1,mqtt-ws:1", "enrollmentGroup": "mix", "telemetryCount": 2,
                 "telemetryInterval": "20ms", "seed": 3, "pollInterval": "50ms", "deadline": "60s"}""");
        Map<String, Long> devices = expectedDevices(spec);

        FleetReport report = run(spec);

        assertThat(report.byStatus()).as(report.errors().toString()).containsExactly(Map.entry("assigned", 90L));
        assertThat(report.transports()).containsOnlyKeys("mqtt", "https", "mqtt-ws");
        assertThat(devices.values()).allSatisfy(count -> assertThat(count).isGreaterThan(10));
        assertThat(of(report, TransportShare::devices)).isEqualTo(devices);
        assertThat(of(report, TransportShare::assigned)).isEqualTo(devices);
        assertThat(of(report, TransportShare::sent)).isEqualTo(doubled(devices));
        assertThat(of(report, TransportShare::acknowledged)).isEqualTo(doubled(devices));
        assertThat(of(report, TransportShare::errorCount)).containsValues(0L, 0L, 0L);
        assertThat(of(report, share -> share.timeToAssigned().getTotalCount())).isEqualTo(devices);
        assertThat(of(report, share -> share.telemetry().getTotalCount())).isEqualTo(doubled(devices));
        assertThat(report.acknowledged()).isEqualTo(180);
        assertThat(simulator.iotHubs().stream().flatMap(hub -> hub.messages().stream())
                .filter(m -> m.deviceId().startsWith("mix-")).count()).isEqualTo(180);
        int hubMqttPort = Integer.parseInt(simulator.hubMqttEndpoint(SimulatorConfig.DEFAULT_HUB).replaceAll(".*:", ""));
        assertThat(establishedTo(hubMqttPort)).as("connections still open to the hub's MQTT port").isZero();

        report.write(reportDir);
        FleetReport read = FleetReport.read(reportDir);
        assertThat(read.toJson().get("byTransport")).isEqualTo(report.toJson().get("byTransport"));
        assertThat(Files.readString(reportDir.resolve("report.html"))).contains("By transport", "<td>mqtt-ws</td>",
                "mqtt telemetry send");
        assertThat(SummaryTable.render(report)).contains("by transport", "  mqtt-ws ");
    }

    @Test
    void shardsMergedKeepEachTransportsShare() throws Exception {
        FleetSpec whole = FleetSpec.parse("""
                {"devices": 40, "idPattern": "mixshard-%03d", "attestation": "group-symmetric-key",
                 "transport": "mqtt=70,https=30", "enrollmentGroup": "mixshard", "telemetryCount": 1,
                 "seed": 8, "pollInterval": "50ms", "deadline": "60s"}""");
        List<FleetReport> shards = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            shards.add(FleetReport.fromJson(run(whole.withShard(new Shard(i, 2))).toJson()));
        }

        FleetReport merged = FleetReport.merge(shards);

        assertThat(of(merged, TransportShare::devices)).isEqualTo(expectedDevices(whole));
        assertThat(of(merged, TransportShare::acknowledged)).isEqualTo(expectedDevices(whole));
        assertThat(merged.transports().get("mqtt").telemetry().getTotalCount()).isEqualTo(expectedDevices(whole).get("mqtt"));
    }

    @Test
    void aFaultKeptToMqttStrikesOnlyTheMqttShare() throws Exception {
        simulator.faults().add(FaultRules.parse(Jsonp.createReader(new StringReader("""
                {"endpoint": "register", "device": "mqttonly-*", "kind": "authentication-error", "transport": "mqtt"}"""))
                .readObject(), simulator.faults()::nextRuleId));
        FleetSpec spec = FleetSpec.parse("""
                {"devices": 30, "idPattern": "mqttonly-%03d", "attestation": "group-symmetric-key",
                 "transport": "mqtt:1,https:1", "enrollmentGroup": "mqttonly", "telemetryCount": 1,
                 "seed": 4, "pollInterval": "50ms", "deadline": "30s"}""");
        Map<String, Long> devices = expectedDevices(spec);

        FleetReport report = run(spec);

        TransportShare overMqtt = report.transports().get("mqtt");
        TransportShare overHttps = report.transports().get("https");
        assertThat(overMqtt.devices()).isEqualTo(devices.get("mqtt")).isPositive();
        assertThat(overMqtt.assigned()).isZero();
        assertThat(overMqtt.sent()).isZero();
        assertThat(overMqtt.errorCount()).isEqualTo(devices.get("mqtt"));
        assertThat(overHttps.devices()).isEqualTo(devices.get("https")).isPositive();
        assertThat(overHttps.assigned()).isEqualTo(devices.get("https"));
        assertThat(overHttps.acknowledged()).isEqualTo(devices.get("https"));
        assertThat(overHttps.errors()).isEmpty();
        assertThat(report.byStatus()).containsEntry("assigned", devices.get("https")).containsEntry("refused", devices.get("mqtt"));
    }

    /** This machine's established TCP connections to {@code port}, as the kernel lists them. */
    private static long establishedTo(int port) throws Exception {
        String remote = String.format(":%04X ", port);
        long count = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            // Columns: sl local_address rem_address st ...; 01 is ESTABLISHED.
            count += Files.readAllLines(Path.of(table)).stream().skip(1).map(line -> line.strip().split("\\s+"))
                    .filter(columns -> (columns[2] + " ").endsWith(remote) && columns[3].equals("01")).count();
        }
        return count;
    }

    private static Map<String, Long> doubled(Map<String, Long> counts) {
        return counts.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> 2 * e.getValue()));
    }
}
