package dev.dpsrig.app.cli.fleet;

import static dev.dpsrig.app.cli.CommandRun.dpsrig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.app.cli.CommandRun;
import dev.dpsrig.emulator.fleet.FleetReport;
import dev.dpsrig.emulator.fleet.TransportShare;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.simulator.fault.FaultRules;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dpsrig fleet run} and {@code dpsrig report merge} against a simulator found through its dev-settings.json. */
class FleetCommandIT {
    @TempDir
    Path dataDir;

    @TempDir
    Path reports;

    private LocalSimulator simulator;

    @BeforeEach
    void start() {
        simulator = LocalSimulator.start(SimulatorConfig.builder().dataDirectory(dataDir).dpsPort(0)
                .assignmentDelay(Duration.ZERO).build());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void twoShardsRunFromTheCliAndMergeIntoOneReport() {
        for (int shard = 0; shard < 2; shard++) {
            CommandRun run = dpsrig("fleet", "run", "--data-dir", dataDir.toString(), "--devices", "40",
                    "--attestation", "group-symmetric-key:1,individual-symmetric-key:1", "--enroll", "--telemetry-count", "2",
                    "--telemetry-interval", "10ms", "--poll-interval", "20ms", "--seed", "4", "--id-pattern", "cli-%03d",
                    "--transport", "mqtt:1,https:1", "--threshold", "count(failed)==0", "--shard", shard + "/2",
                    "--report", reports.resolve("shard-" + shard).toString());
            assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
            assertThat(run.out()).contains("fleet: 40 devices (shard " + shard + "/2: 20)", "over mqtt:1,https:1", "fleet summary: 20 devices",
                    "{assigned=20}", "sent 40, acknowledged 40, failed 0", "time to assigned", "report: ");
        }

        CommandRun merged = dpsrig("report", "merge", "--out", reports.resolve("all").toString(),
                reports.resolve("shard-0").toString(), reports.resolve("shard-1").resolve("report.json").toString());

        assertThat(merged.exitCode()).as(merged.err()).isZero();
        assertThat(merged.out()).contains("fleet summary: 40 devices (shards 0/2, 1/2)", "sent 80, acknowledged 80, failed 0",
                "✓ count(failed)==0  measured 0", "\nPASSED");
        FleetReport report = FleetReport.read(reports.resolve("all"));
        assertThat(report.byStatus()).containsExactly(Map.entry("assigned", 40L));
        assertThat(report.telemetry().getTotalCount()).isEqualTo(80);
        // Devices over MQTT found the simulator's MQTT endpoints in its dev-settings.json; the merge kept the split.
        assertThat(merged.out()).contains("by transport", "  mqtt ", "  https ");
        assertThat(report.transports()).containsOnlyKeys("mqtt", "https");
        assertThat(report.transports().values()).allSatisfy(share -> {
            assertThat(share.devices()).isPositive();
            assertThat(share.acknowledged()).isEqualTo(2 * share.devices());
        });
        assertThat(report.transports().values().stream().mapToLong(TransportShare::devices).sum()).isEqualTo(40);
        assertThat(Files.exists(reports.resolve("all").resolve("report.html"))).isTrue();
        assertThat(simulator.iotHubs().getFirst().messages()).hasSize(80);
    }

    @Test
    void aMergeWhoseVerdictFailsOnTheWholeFleetExitsOneThoughEachShardPassed() {
        for (String device : new String[] {"merge-000", "merge-001"}) {
            simulator.faults().add(FaultRules.parse(Jsonp.createReader(new StringReader("""
                    {"endpoint": "register", "device": "%s", "kind": "throttle", "retryAfter": 1, "times": 2}""".formatted(device)))
                    .readObject(), simulator.faults()::nextRuleId));
        }
        for (int shard = 0; shard < 2; shard++) {
            CommandRun run = dpsrig("fleet", "run", "--data-dir", dataDir.toString(), "--devices", "4", "--enroll",
                    "--id-pattern", "merge-%03d", "--poll-interval", "20ms", "--threshold", "count(retries)<3",
                    "--shard", shard + "/2", "--report", reports.resolve("shard-" + shard).toString());
            assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
            assertThat(run.out()).contains("✓ count(retries)<3  measured 2", "\nPASSED");
        }

        CommandRun merged = dpsrig("report", "merge", "--out", reports.resolve("all").toString(),
                reports.resolve("shard-0").toString(), reports.resolve("shard-1").toString());

        assertThat(merged.exitCode()).as(merged.err() + merged.out()).isEqualTo(1);
        assertThat(merged.out()).contains("{assigned=4}", "✗ count(retries)<3  measured 4",
                "\nFAILED: threshold count(retries)<3 failed: measured 4");
        assertThat(merged.err()).isEmpty();
        assertThat(FleetReport.read(reports.resolve("all")).verdict().passed()).isFalse();
    }

    @Test
    void aMergeOfReportsItCannotReadOrThatOverlapIsAUsageError() {
        CommandRun shard = dpsrig("fleet", "run", "--data-dir", dataDir.toString(), "--devices", "2", "--enroll",
                "--shard", "0/2", "--report", reports.resolve("shard-0").toString());
        assertThat(shard.exitCode()).as(shard.err() + shard.out()).isZero();

        CommandRun missing = dpsrig("report", "merge", "--out", reports.resolve("all").toString(), reports.resolve("absent").toString());
        CommandRun twice = dpsrig("report", "merge", "--out", reports.resolve("all").toString(),
                reports.resolve("shard-0").toString(), reports.resolve("shard-0").toString());

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().lines()).singleElement().asString()
                .startsWith("dpsrig report merge: " + reports.resolve("absent") + ": no such file;");
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.err().lines()).singleElement().asString().startsWith("dpsrig report merge: shard 0/2 is in more than one report");
        assertThat(reports.resolve("all")).doesNotExist();
    }

    @Test
    void aRunJudgedByThresholdsWritesAReportThatChromiumShowsWithoutErrors() throws Exception {
        simulator.faults().add(FaultRules.parse(Jsonp.createReader(new StringReader("""
                {"endpoint": "register", "device": "browser-*", "kind": "throttle", "retryAfter": 1, "times": 4}""")).readObject(),
                simulator.faults()::nextRuleId));
        Path dir = reports.resolve("browser");

        CommandRun run = dpsrig("fleet", "run", "--data-dir", dataDir.toString(), "--devices", "24", "--enroll",
                "--telemetry-count", "3", "--telemetry-interval", "300ms", "--poll-interval", "50ms", "--ramp", "12",
                "--transport", "mqtt:1,https:1", "--id-pattern", "browser-%03d", "--threshold", "p99(time-to-assigned)<30s",
                "--threshold", "count(retries)==0", "--report", dir.toString());

        assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(1);
        assertThat(run.out()).contains("{assigned=24}", "sent 72, acknowledged 72, failed 0", "✓ p99(time-to-assigned)<30s  measured ",
                "✗ count(retries)==0  measured 4", "FAILED: threshold count(retries)==0 failed: measured 4");
        FleetReport report = FleetReport.read(dir);
        assertThat(report.verdict().passed()).isFalse();
        assertThat(report.requests().endpoints().get("https register PUT").results()).containsKey("429");
        assertThat(report.requests().endpoints().get("mqtt telemetry publish").results()).containsOnlyKeys("PUBACK");
        assertThat(report.requests().retries()).isEqualTo(4);
        assertThat(report.timeline()).anySatisfy(second -> assertThat(second.telemetry().unpack().getTotalCount()).isPositive());

        Assumptions.assumeTrue(Files.isExecutable(HeadlessChromium.BINARY),
                "chromium is not installed at " + HeadlessChromium.BINARY + "; CI installs it (.ci/run)");
        Path screenshot = Path.of("target", "report-screenshots", "fleet-report.png").toAbsolutePath();
        Files.createDirectories(screenshot.getParent());
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            chromium.load(dir.resolve("report.html"));
            // Every text of every chart inside its drawing (rotated axis titles aside), every chart as wide as the page.
            String layout = chromium.evaluate("""
                    (() => { const clipped = []; const svgs = [...document.querySelectorAll('svg')];
                      svgs.forEach((svg, i) => { const box = svg.viewBox.baseVal;
                        svg.querySelectorAll('text:not([transform])').forEach(t => { const b = t.getBBox();
                          if (b.x < 0 || b.y < 0 || b.x + b.width > box.width || b.y + b.height > box.height) clipped.push(i + ': ' + t.textContent); }); });
                      const page = document.body.getBoundingClientRect().width;
                      const narrow = svgs.filter(s => s.getBoundingClientRect().width < page * 0.9).length;
                      return 'charts ' + svgs.length + ', clipped [' + clipped.join('; ') + '], narrow ' + narrow; })()""");
            chromium.screenshot(screenshot, 1400);
            System.out.println("report screenshot: " + screenshot);
            assertThat(chromium.errors()).as("console and page errors").isEmpty();
            assertThat(layout).isEqualTo("charts 6, clipped [], narrow 0");
        }
    }

    @Test
    void withoutTheSimulatorsSettingsItSaysWhatToStart(@TempDir Path empty) {
        CommandRun run = dpsrig("fleet", "run", "--data-dir", empty.toString(), "--devices", "1");
        assertThat(run.exitCode()).isNotZero();
    }
}
