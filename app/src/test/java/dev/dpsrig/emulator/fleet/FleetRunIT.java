package dev.dpsrig.emulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.protocol.settings.ServiceConnectionString;
import dev.dpsrig.emulator.client.ServiceTrust;
import dev.dpsrig.emulator.device.DpsEndpoint;
import dev.dpsrig.protocol.ConnectFailure;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.simulator.fault.FaultRules;
import dev.dpsrig.simulator.hub.DeviceMessage;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fleets against an in-process simulator over real HTTPS: enrollment, registration, telemetry, shards, repeatability. */
class FleetRunIT {
    private static LocalSimulator simulator;
    private static DpsEndpoint endpoint;
    private static ServiceApiClient service;

    @TempDir
    static Path identityCache;

    @BeforeAll
    static void start() {
        simulator = LocalSimulator.start(SimulatorConfig.builder().assignmentDelay(Duration.ofMillis(20)).build());
        endpoint = DpsEndpoint.of(simulator.globalEndpoint(), simulator.idScope(), List.of(simulator.trustedRoot()));
        service = new ServiceApiClient(ServiceConnectionString.parse(simulator.serviceConnectionString()),
                ServiceTrust.only(List.of(simulator.trustedRoot())));
    }

    @AfterAll
    static void stop() {
        service.close();
        simulator.close();
    }

    private static FleetSpec spec(String json) {
        return FleetSpec.parse(json);
    }

    private static FleetReport run(FleetSpec spec) throws InterruptedException {
        FleetCredentials credentials = new FleetCredentials(spec, Optional.of(identityCache));
        if (spec.enroll()) {
            credentials.enroll(service, 32);
        }
        return new FleetRunner(spec, endpoint, credentials, progress -> { }).run();
    }

    private static long hubMessages(String idPrefix) {
        return simulator.iotHubs().stream().flatMap(hub -> hub.messages().stream())
                .filter(m -> m.deviceId().startsWith(idPrefix)).count();
    }

    @Test
    void mixedFleetOfTwoThousandIsAllAssignedAndEveryMessageArrives(@TempDir Path reportDir) throws Exception {
        FleetSpec spec = spec("""
                {"devices": 2000, "idPattern": "mixed-%05d", "attestation": "group-symmetric-key:1,x509-group:1",
                 "enroll": true, "enrollmentGroup": "mixed", "concurrency": 300, "telemetryCount": 1, "connection": "shared-pool",
                 "telemetryInterval": "100ms", "seed": 11, "pollInterval": "50ms", "deadline": "60s"}""");

        FleetReport report = run(spec);

        assertThat(report.byStatus()).as(report.errors().toString()).containsExactly(Map.entry("assigned", 2000L));
        assertThat(report.errors()).isEmpty();
        assertThat(report.sent()).isEqualTo(2000);
        assertThat(report.acknowledged()).isEqualTo(2000);
        assertThat(report.failed()).isZero();
        assertThat(hubMessages("mixed-")).isEqualTo(report.acknowledged());
        assertThat(simulator.iotHubs().stream().flatMap(h -> h.messages().stream()).filter(m -> m.deviceId().startsWith("mixed-"))
                .collect(Collectors.groupingBy(DeviceMessage::authMethod, Collectors.counting())))
                .containsEntry("certificateAuthority", 1000L);
        assertThat(report.timeToAssigned().getTotalCount()).isEqualTo(2000);
        assertThat(report.register().getTotalCount()).isGreaterThanOrEqualTo(2000);
        assertThat(report.telemetry().getTotalCount()).isEqualTo(2000);
        // The whole JVM's platform threads, the in-process simulator's (and earlier tests') included: far fewer than devices.
        assertThat(report.memory().platformThreadsPeak()).isLessThan(report.devices() / 2);
        assertThat(report.memory().virtualThreadsStarted()).isEqualTo(2000);
        assertThat(report.timeline()).isNotEmpty();
        assertThat(report.timeline().getLast().phases()).containsEntry("done", 2000L);

        report.write(reportDir);
        FleetReport read = FleetReport.read(reportDir);
        assertThat(read.byStatus()).isEqualTo(report.byStatus());
        assertThat(read.telemetry()).isEqualTo(report.telemetry());
        assertThat(Files.readString(reportDir.resolve("report.html"))).contains("<svg", "Devices by status over time")
                .doesNotContain("<script", "http://cdn", "https://");
    }

    @Test
    void fourShardsMergedEqualOneUnshardedRun() throws Exception {
        FleetSpec whole = spec("""
                {"devices": 200, "idPattern": "shard-%05d", "connection": "shared-pool",
                 "attestation": "group-symmetric-key:2,individual-symmetric-key:1,x509-individual:1",
                 "enroll": true, "enrollmentGroup": "shards", "concurrency": 200, "telemetryCount": 2,
                 "telemetryInterval": "50ms", "seed": 5, "pollInterval": "50ms", "deadline": "60s"}""");
        FleetReport unsharded = run(whole);

        List<FleetReport> shards = new ArrayList<>();
        try (ExecutorService machines = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<FleetReport>> running = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                FleetSpec slice = whole.withShard(new Shard(i, 4));
                running.add(machines.submit(() -> run(slice)));
            }
            for (Future<FleetReport> one : running) {
                shards.add(one.get());
            }
        }
        FleetReport merged = FleetReport.merge(shards);

        assertThat(shards).extracting(FleetReport::devices).containsExactly(50L, 50L, 50L, 50L);
        assertThat(merged.shards()).containsExactly("0/4", "1/4", "2/4", "3/4");
        assertThat(merged.devices()).isEqualTo(unsharded.devices()).isEqualTo(200);
        assertThat(merged.byStatus()).isEqualTo(unsharded.byStatus()).containsExactly(Map.entry("assigned", 200L));
        assertThat(merged.sent()).isEqualTo(unsharded.sent()).isEqualTo(400);
        assertThat(merged.acknowledged()).isEqualTo(unsharded.acknowledged()).isEqualTo(400);
        assertThat(merged.timeToAssigned().getTotalCount()).isEqualTo(unsharded.timeToAssigned().getTotalCount());
        assertThat(merged.telemetry().getTotalCount()).isEqualTo(unsharded.telemetry().getTotalCount());
        assertThat(merged.register().getTotalCount()).isEqualTo(unsharded.register().getTotalCount());
        assertThat(merged.timeline().getLast().phases()).containsEntry("done", 200L);
        // Exact: the merged histogram is the sum of the shards' histograms, percentiles included.
        assertThat(merged.telemetry().getMaxValue()).isEqualTo(shards.stream().mapToLong(r -> r.telemetry().getMaxValue()).max().orElseThrow());
        assertThat(hubMessages("shard-")).isEqualTo(unsharded.acknowledged() + merged.acknowledged());
    }

    @Test
    void theSameSeedSendsTheSamePayloadsOnTheSameSchedule() throws Exception {
        String template = "{\"deviceId\":\"${deviceId}\",\"index\":${index},\"seq\":${sequence},\"t\":${random:20:30},"
                + "\"v\":${random:0.0:1.000}}";
        FleetSpec first = spec("""
                {"devices": 60, "idPattern": "seed-a-%03d", "attestation": "group-symmetric-key", "enroll": true,
                 "enrollmentGroup": "seed-a", "telemetryCount": 3, "telemetryInterval": "20ms", "seed": 99,
                 "pollInterval": "50ms"}""");
        first = new FleetSpec(first.devices(), first.idPattern(), first.mix(), first.keyType(), first.enroll(), first.ramp(),
                first.concurrency(), first.telemetryInterval(), first.telemetryCount(), first.telemetryDuration(), template,
                first.seed(), first.connection(), first.shard(), first.deadline(), first.pollInterval(), first.enrollmentGroup(),
                first.transports());

        run(first);
        Map<String, List<String>> firstRun = bodies("seed-a-");
        long before = hubMessages("seed-a-");
        run(first);
        Map<String, List<String>> both = bodies("seed-a-");
        Map<String, List<String>> secondRun = new TreeMap<>();
        both.forEach((device, list) -> secondRun.put(device, list.subList(firstRun.get(device).size(), list.size())));
        FleetSpec otherSeed = first.withSeed(100);
        run(otherSeed);
        Map<String, List<String>> all = bodies("seed-a-");
        Map<String, List<String>> thirdRun = new TreeMap<>();
        all.forEach((device, list) -> thirdRun.put(device, list.subList(2 * firstRun.get(device).size(), list.size())));

        assertThat(before).isEqualTo(180);
        assertThat(firstRun).hasSize(60).allSatisfy((device, list) -> assertThat(list).hasSize(3));
        assertThat(secondRun).isEqualTo(firstRun);
        assertThat(thirdRun).isNotEqualTo(firstRun);
        assertThat(firstRun.get("seed-a-007")).first().asString().startsWith("{\"deviceId\":\"seed-a-007\",\"index\":7,\"seq\":0,");
    }

    @Test
    void theProgressLineCountsRetriesAsTheyHappen() throws Exception {
        simulator.faults().add(FaultRules.parse(Jsonp.createReader(new StringReader("""
                {"endpoint": "register", "device": "throttled-*", "kind": "throttle", "retryAfter": 1, "times": 3}""")).readObject(),
                simulator.faults()::nextRuleId));
        FleetSpec spec = spec("""
                {"devices": 5, "idPattern": "throttled-%03d", "attestation": "group-symmetric-key", "enroll": true,
                 "enrollmentGroup": "throttled", "pollInterval": "50ms"}""");
        FleetCredentials credentials = new FleetCredentials(spec, Optional.of(identityCache));
        credentials.enroll(service, 4);
        List<FleetRunner.Progress> seen = new CopyOnWriteArrayList<>();

        FleetReport report = new FleetRunner(spec, endpoint, credentials, seen::add).run();

        assertThat(report.assigned()).isEqualTo(5);
        assertThat(seen.getLast().retries()).isEqualTo(3);
        assertThat(seen.getLast().refused()).isZero();
        assertThat(seen.getLast().line()).endsWith("| errors 0, retries 3, refused 0");
    }

    @Test
    void aFleetThatCannotReachDpsAtAllStopsAtOnceCountingTheRefusals() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        FleetSpec spec = spec("""
                {"devices": 200, "idPattern": "nowhere-%03d", "attestation": "group-symmetric-key", "concurrency": 20}""");
        DpsEndpoint nowhere = DpsEndpoint.of("127.0.0.1:" + closed, simulator.idScope(), List.of(simulator.trustedRoot()));
        List<FleetRunner.Progress> seen = new CopyOnWriteArrayList<>();

        FleetUnreachableException e = catchThrowableOfType(FleetUnreachableException.class,
                () -> new FleetRunner(spec, nowhere, new FleetCredentials(spec, Optional.empty()), seen::add).run());

        assertThat(e.what()).isEqualTo("DPS");
        assertThat(e.endpoint()).isEqualTo("127.0.0.1:" + closed);
        assertThat(e.connectFailure()).isEqualTo(ConnectFailure.REFUSED);
        assertThat(seen.getLast().refused()).isBetween(1L, 200L);
        assertThat(seen.getLast().retries()).isZero();
        assertThat(seen.getLast().phases().get("waiting")).as("the devices not yet started never are").isPositive();
    }

    /** Each device's message bodies in the order its message ids say they were sent. */
    private static Map<String, List<String>> bodies(String prefix) {
        Map<String, List<String>> bodies = new TreeMap<>();
        simulator.iotHubs().stream().flatMap(hub -> hub.messages().stream()).filter(m -> m.deviceId().startsWith(prefix))
                .forEach(m -> bodies.computeIfAbsent(m.deviceId(), k -> new ArrayList<>()).add(m.bodyText()));
        return bodies;
    }
}
