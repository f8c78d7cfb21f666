package dev.dpsrig.app.cli.board;

import static dev.dpsrig.app.cli.CommandRun.dpsrig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.app.cli.CommandRun;
import dev.dpsrig.hil.ConsoleMatch;
import dev.dpsrig.hil.console.LineConsole;
import dev.dpsrig.hil.console.PseudoTerminal;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.SymmetricKeys;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dpsrig board emulate --link}: the command makes the pseudo-terminal pair itself, and a rig
 * opening the linked end sees a console-mode board provision itself against the simulator.
 */
class BoardEmulateCommandIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dataDir;

    @TempDir
    Path dir;

    private LocalSimulator simulator;

    @BeforeEach
    void start() {
        simulator = LocalSimulator.start(SimulatorConfig.builder().dataDirectory(dataDir).dpsPort(0)
                .assignmentDelay(Duration.ofMillis(200)).build());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void linkedBoardProvisionsItselfAndStopsCleanly() throws Exception {
        String key = SymmetricKeys.generate();
        simulator.service().putEnrollment("cli-board-1", Jsonp.createObjectBuilder().add("registrationId", "cli-board-1")
                .add("attestation", Jsonp.createObjectBuilder().add("type", "symmetricKey").add("symmetricKey",
                        Jsonp.createObjectBuilder().add("primaryKey", key).add("secondaryKey", SymmetricKeys.generate())))
                .build(), Optional.empty());
        Path link = dir.resolve("ttyV0");
        Emulation emulation = emulate(link, "cli-board", "--registration-id", "cli-board-1", "--symmetric-key", key);
        Thread emulator = emulation.thread();
        StringWriter out = emulation.out();
        StringWriter err = emulation.err();
        AtomicInteger exitCode = emulation.exitCode();
        try {
            awaitLink(link);
            try (LineConsole rig = PseudoTerminal.open(link).console("rig", Clock.systemUTC(), event -> { })) {
                // The boot log may have gone by before the rig opened its end; telemetry keeps coming.
                ConsoleMatch sent = rig.expect(Pattern.compile("^hub: sent message (\\d+)$"), WAIT);
                rig.expect(Pattern.compile("^hub: sent message " + (Integer.parseInt(sent.group(1)) + 1) + "$"), WAIT);
            }
        } finally {
            emulator.interrupt();
            emulator.join(WAIT);
        }

        assertThat(exitCode.get()).as(err.toString()).isZero();
        assertThat(out.toString().lines()).anySatisfy(line -> assertThat(line)
                        .matches("cli-board: console mode on a pseudo-terminal pair, the rig's end is " + Pattern.quote(link.toString())
                                + " \\(/dev/\\S+\\); Ctrl-C stops it"))
                .anySatisfy(line -> assertThat(line).matches("\\S+ cli-board power on: cli-board power"))
                .anySatisfy(line -> assertThat(line).endsWith(" cli-board | Booting cli-board ..."))
                .anySatisfy(line -> assertThat(line).matches("\\S+ cli-board \\| dps: assigned hub=\\S+ deviceId=cli-board-1"))
                .anySatisfy(line -> assertThat(line).matches("\\S+ cli-board power off: cli-board power"));
        assertThat(simulator.service().registration("cli-board-1").deviceId()).isEqualTo("cli-board-1");
        assertThat(simulator.service().registration("cli-board-1").status().wireName()).isEqualTo("assigned");
        assertThat(link).doesNotExist();
    }

    /**
     * The README's rig file: a console board on the emulated board's line, probed with {@code version}, its
     * lines on the mock platform; the emulated board echoes the probe and answers it.
     */
    @Test
    void rigCheckPassesTheReadmeRigWithAnEmulatedBoard() throws Exception {
        Path link = dir.resolve("ttyV1");
        Emulation emulation = emulate(link, "gateway", "--registration-id", "gw-001", "--symmetric-key", SymmetricKeys.generate(),
                "--firmware-version", "3.1.4");
        CommandRun check;
        try {
            awaitLink(link);
            Path rigFile = Files.writeString(dir.resolve("rig.yaml"), """
                    gpio: mock
                    boards:
                      - name: gateway
                        serial: {port: %s, baud: 115200}
                        gpio:
                          power: {pin: 17, active-low: true}
                          reset: {pin: 27, active-low: true, pulse: 100ms}
                          inputs: {ready: {pin: 22}}
                        mode: console
                        console: {boot: "^U-Boot", provisioned: "assigned to (\\\\S+)", failure: "panic|registration failed"}
                        probe: {send: version, expect: "^fw ", timeout: 5s}
                        identity: {registration-id: gw-001, attestation: x509, credentials: {certificate: gw.pem, key: gw.key}}
                        deadlines: {boot: 30s, provision: 2m}
                    """.formatted(link));
            check = dpsrig("rig", "check", "--rig", rigFile.toString());
        } finally {
            emulation.thread().interrupt();
            emulation.thread().join(WAIT);
        }

        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        assertThat(check.out().lines().toList().get(1)).startsWith("gateway ").contains(" fw 3.1.4 ").endsWith("PASS");
        assertThat(emulation.out().toString().lines()).anySatisfy(line -> assertThat(line).endsWith(" gateway | version"))
                .anySatisfy(line -> assertThat(line).endsWith(" gateway | fw 3.1.4"));
    }

    private record Emulation(Thread thread, StringWriter out, StringWriter err, AtomicInteger exitCode) { }

    /** Runs {@code board emulate --link link} in console mode against the simulator until its thread is interrupted. */
    private Emulation emulate(Path link, String name, String... identity) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exitCode = new AtomicInteger(-1);
        List<String> args = new ArrayList<>(List.of("board", "emulate", "--link", link.toString(), "--name", name, "--boot-delay", "50",
                "--telemetry-interval", "100", "--data-dir", dataDir.toString()));
        args.addAll(List.of(identity));
        Thread thread = Thread.ofPlatform().name("board-emulate").start(() -> exitCode.set(dpsrig(out, err, args.toArray(String[]::new)).exitCode()));
        return new Emulation(thread, out, err, exitCode);
    }

    private static void awaitLink(Path link) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.exists(link)) {
            assertThat(System.nanoTime()).as("the command made no link at " + link + " in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
