package dev.dpsrig.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.dpsrig.certs.TlsContexts;
import dev.dpsrig.emulator.client.DevSettings;
import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.emulator.client.ServiceApiException;
import dev.dpsrig.emulator.client.ServiceTrust;
import dev.dpsrig.protocol.SasToken;
import dev.dpsrig.protocol.SymmetricKeys;
import dev.dpsrig.protocol.service.EnrollmentSettings;
import dev.dpsrig.protocol.service.IndividualEnrollment;
import dev.dpsrig.protocol.service.SymmetricKeyAttestation;
import dev.dpsrig.simulator.server.SimulatorConfig;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a simulator process with {@code SIGKILL} at random points of a write loop (enrollments,
 * registrations left in flight by a long assignment delay, hub messages), restarts it on the same data
 * directory, and checks that every write the simulator acknowledged is there, that no registration is
 * left {@code assigning}, and that no temporary file is left. Seeded ({@code -Ddpsrig.crash.seed=N}),
 * a few rounds of a few seconds.
 *
 * <p>A kill loses what the process held, never what it handed to the kernel; a power cut also loses
 * what the kernel had not yet written. That cannot be simulated without a virtual machine whose disk
 * can be cut off, so it is not tested here. What covers it is the order of the writes (see
 * {@code DurableFiles}): the simulator answers 2xx only after the new file's content was forced, then
 * the rename, then its folder forced; and after the message log was forced. A write that was
 * acknowledged is therefore on the disk itself, not only in the page cache this test can reach.
 */
class CrashRecoveryIT {
    private static final long SEED = Long.getLong("dpsrig.crash.seed", 14_2026L);
    private static final int ROUNDS = 4;
    private static final int WRITERS = 4;
    private static final long ASSIGNMENT_DELAY_MILLIS = 1_500;
    private static final String HUB = SimulatorConfig.DEFAULT_HUB;
    private static final String SCOPE = SimulatorConfig.DEFAULT_ID_SCOPE;
    private static final Duration SETTLE = Duration.ofSeconds(15);

    @TempDir
    Path dataDir;

    @TempDir
    Path logs;

    private final Random random = new Random(SEED);
    private final List<Process> children = new ArrayList<>();

    /** Acknowledged writes, across rounds. */
    private final Map<String, String> enrolled = new ConcurrentHashMap<>();
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private final List<String> sentBodies = new CopyOnWriteArrayList<>();
    /** Every registration id a register was sent for, answered or not. */
    private final Set<String> attempted = ConcurrentHashMap.newKeySet();
    /** Devices known assigned at the start of a round: the ones that can send. */
    private final List<String> assigned = new CopyOnWriteArrayList<>();
    /** What went wrong in a writer before the kill: a failed write is only expected once the process is killed. */
    private final List<String> writerFailures = new CopyOnWriteArrayList<>();

    private int port;
    private String hubHost;
    private SSLContext tls;

    @AfterEach
    void killChildren() {
        children.forEach(Process::destroyForcibly);
    }

    @Test
    void everyAcknowledgedWriteSurvivesAKillAndNothingIsLeftAssigning() throws Exception {
        port = freePortPair();
        List<String> rounds = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            Process child = startChild(round);
            verify(round);
            long killAfter = 300 + random.nextInt(1_200);
            Counts counts = writeUntilKilled(round, child, killAfter);
            assertThat(writerFailures).as("writes that failed before the kill (round " + round + ", seed " + SEED + ")").isEmpty();
            List<Path> leftovers = temporaryFiles();
            rounds.add("round " + round + ": killed after " + killAfter + " ms; acknowledged " + counts
                    + "; temporary files left by the kill: " + leftovers.size());
            plantLeftover(round);
        }
        startChild(ROUNDS);
        verify(ROUNDS);
        System.out.println("CrashRecoveryIT seed " + SEED + "\n  " + String.join("\n  ", rounds)
                + "\n  in total: " + enrolled.size() + " enrollments, " + registered.size() + " registrations, "
                + sentBodies.size() + " messages acknowledged, all found after restarts");
        assertThat(registered).as("the loop registered devices (seed " + SEED + ")").isNotEmpty();
    }

    // ---- the child process ---------------------------------------------------------------------

    private Process startChild(int round) throws IOException, InterruptedException {
        Path log = logs.resolve("child-" + round + ".log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
                dataDir.toString(), Integer.toString(port), Long.toString(ASSIGNMENT_DELAY_MILLIS))
                .redirectError(log.toFile())
                .start();
        children.add(child);
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while ((line = out.readLine()) != null && !line.startsWith(CrashChild.READY)) {
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        if (line == null || !line.startsWith(CrashChild.READY)) {
            child.destroyForcibly();
            fail("the simulator did not start (round " + round + ", seed " + SEED + "):\n" + Files.readString(log));
        }
        hubHost = line.substring(CrashChild.READY.length()).strip();
        Thread.ofVirtual().start(() -> drain(out));
        DevSettings settings = DevSettings.read(dataDir.resolve(DevSettings.FILE_NAME));
        tls = ServiceTrust.only(settings.trustedRoots());
        return child;
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // the child prints nothing more of interest
            }
        } catch (IOException ignored) {
            // killed
        }
    }

    private ServiceApiClient service() {
        return new ServiceApiClient(DevSettings.read(dataDir.resolve(DevSettings.FILE_NAME)).connection(), tls);
    }

    // ---- the write loop ------------------------------------------------------------------------

    private record Counts(int enrollments, int registrations, int messages) {
        @Override
        public String toString() {
            return enrollments + " enrollments, " + registrations + " registrations, " + messages + " messages";
        }
    }

    private Counts writeUntilKilled(int round, Process child, long killAfterMillis) throws InterruptedException {
        int enrollmentsBefore = enrolled.size();
        int registrationsBefore = registered.size();
        int messagesBefore = sentBodies.size();
        AtomicBoolean killed = new AtomicBoolean();
        List<Thread> writers = new ArrayList<>();
        try (ServiceApiClient service = service()) {
            HttpClient http = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            for (int w = 0; w < WRITERS; w++) {
                Random own = new Random(random.nextLong());
                String prefix = "r" + round + "w" + w + "-";
                writers.add(Thread.ofVirtual().start(() -> write(prefix, own, service, http, killed)));
            }
            Thread.sleep(killAfterMillis);
            killed.set(true);
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            for (Thread writer : writers) {
                writer.join(Duration.ofSeconds(30));
            }
        }
        return new Counts(enrolled.size() - enrollmentsBefore, registered.size() - registrationsBefore,
                sentBodies.size() - messagesBefore);
    }

    /** One writer: a random mix of the three writes; each one answered 2xx is recorded as acknowledged. */
    private void write(String prefix, Random random, ServiceApiClient service, HttpClient http, AtomicBoolean killed) {
        List<String> mine = new ArrayList<>();
        for (int n = 0; !killed.get(); n++) {
            try {
                int choice = random.nextInt(10);
                if (choice < 4 || mine.isEmpty()) {
                    String id = prefix + n;
                    String key = SymmetricKeys.generate();
                    service.putEnrollment(enrollment(id, key), Optional.empty());
                    enrolled.put(id, key);
                    mine.add(id);
                } else if (choice < 7 || assigned.isEmpty()) {
                    String id = mine.remove(random.nextInt(mine.size()));
                    attempted.add(id);
                    expect(register(http, id), 202, "register " + id, killed);
                    registered.add(id);
                } else {
                    String device = assigned.get(random.nextInt(assigned.size()));
                    String body = prefix + "message-" + n;
                    expect(send(http, device, body), 204, "send from " + device, killed);
                    sentBodies.add(body);
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // Once the process is killed, a request fails somehow, and was not acknowledged. Before, it is a bug.
                if (!killed.get()) {
                    writerFailures.add(prefix + n + ": " + e);
                }
                return;
            }
        }
    }

    private static void expect(HttpResponse<String> answer, int status, String what, AtomicBoolean killed) throws IOException {
        if (answer.statusCode() != status) {
            throw new IOException(what + " answered " + answer.statusCode() + " " + answer.body()
                    + (killed.get() ? " (as the process was killed)" : ""));
        }
    }

    private static IndividualEnrollment enrollment(String id, String key) {
        return IndividualEnrollment.of(id, SymmetricKeyAttestation.of(key, SymmetricKeys.generate()), EnrollmentSettings.NONE);
    }

    private HttpResponse<String> register(HttpClient http, String id) throws IOException, InterruptedException {
        String resource = SCOPE + "/registrations/" + id;
        return http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/" + resource
                        + "/register?api-version=2021-06-01"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", SasToken.sign(resource, enrolled.get(id), Instant.now().plus(Duration.ofHours(1)),
                        Optional.of("registration")).toAuthorizationHeader())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("registrationId", id).build().toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(HttpClient http, String device, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("https://" + hubHost + "/devices/" + device
                        + "/messages/events?api-version=2020-03-13"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", SasToken.sign(hubHost + "/devices/" + device, enrolled.get(device),
                        Instant.now().plus(Duration.ofHours(1)), Optional.empty()).toAuthorizationHeader())
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---- after a restart -----------------------------------------------------------------------

    private void verify(int round) throws IOException, InterruptedException {
        String where = " (after restart " + round + ", seed " + SEED + ")";
        try (ServiceApiClient service = service()) {
            Set<String> enrollments = new HashSet<>();
            for (IndividualEnrollment enrollment : service.enrollments()) {
                enrollments.add(enrollment.registrationId());
            }
            assertThat(enrollments).as("acknowledged enrollments" + where).containsAll(enrolled.keySet());

            for (String id : attempted) {
                Optional<JsonObject> state = settled(service, id);
                if (registered.contains(id)) {
                    assertThat(state).as("registration of " + id + where).isPresent();
                }
                state.ifPresent(registration -> {
                    assertThat(registration.getString("status")).as("registration of " + id + where).isEqualTo("assigned");
                    assertThat(registration.getString("assignedHub")).isEqualTo(hubHost);
                    assertThat(service.hubDevice(HUB, id).getString("deviceId")).as("hub device of " + id + where).isEqualTo(id);
                    if (!assigned.contains(id)) {
                        assigned.add(id);
                    }
                });
            }

            Set<String> bodies = new HashSet<>();
            long after = 0;
            while (true) {
                JsonObject page = service.hubMessages(HUB, Optional.empty(), after, Duration.ZERO);
                page.getJsonArray("messages").forEach(message -> bodies.add(body(message.asJsonObject())));
                after = page.getJsonNumber("lastSequenceNumber").longValue();
                if (!page.getBoolean("more")) {
                    break;
                }
            }
            assertThat(bodies).as("acknowledged hub messages" + where).containsAll(sentBodies);
        }
        assertThat(temporaryFiles()).as("temporary files in the state folders" + where).isEmpty();
    }

    /** The registration state once it is no longer assigning; empty if the DPS has none. */
    private static Optional<JsonObject> settled(ServiceApiClient service, String id) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            JsonObject state;
            try {
                state = service.registration(id).toJson();
            } catch (ServiceApiException e) {
                if (e.status() == 404) {
                    return Optional.empty();
                }
                throw e;
            }
            if (!state.getString("status").equals("assigning")) {
                return Optional.of(state);
            }
            if (System.nanoTime() > deadline) {
                fail("registration of " + id + " still assigning " + SETTLE.toSeconds() + " s after the restart (seed " + SEED + ")");
            }
            Thread.sleep(50);
        }
    }

    private static String body(JsonObject message) {
        return message.getString("bodyText", "");
    }

    private List<Path> temporaryFiles() throws IOException {
        Path state = dataDir.resolve("state");
        if (!Files.isDirectory(state)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(state)) {
            return files.filter(file -> file.getFileName().toString().matches("\\.write-[0-9]+\\.tmp")).toList();
        }
    }

    /** What a kill between creating a temporary file and writing it leaves, whether or not this kill did. */
    private void plantLeftover(int round) throws IOException {
        Path enrollments = Files.createDirectories(dataDir.resolve("state").resolve("enrollments"));
        Files.createFile(enrollments.resolve(".write-" + (900_000 + round) + ".tmp"));
    }

    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket dps = new ServerSocket(0)) {
                try (ServerSocket hub = new ServerSocket(dps.getLocalPort() + 1)) {
                    return dps.getLocalPort();
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IOException("no two consecutive free ports found");
    }
}
