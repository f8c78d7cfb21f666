package dev.dpsrig.simulator.http;

import static dev.dpsrig.simulator.http.DpsAssertions.assertDpsError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure that is the simulator's own (here: it cannot write its state) is a 500 in the API's
 * format carrying a tracking id and nothing else: no exception text, no file path. The log has one
 * line per failure with the same tracking id, and one stack trace for the lot.
 */
class ErrorPathIT {
    @TempDir
    Path dir;

    private LocalSimulator simulator;
    private DpsClient client;
    @RegisterExtension
    final LogCapture log = LogCapture.of(InternalErrors.class, Level.ALL);

    @BeforeEach
    void start() {
        simulator = LocalSimulator.start(SimulatorConfig.builder().assignmentDelay(Duration.ZERO)
                .dataDirectory(dir.resolve("data")).build());
        client = new DpsClient(simulator, dir);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void aStateTheSimulatorCannotWriteIsA500WithATrackingIdAndNoDetail() throws IOException {
        Path enrollments = dir.resolve("data").resolve("state").resolve("enrollments");
        Files.deleteIfExists(enrollments);
        Files.createDirectories(enrollments.getParent());
        Files.writeString(enrollments, "a file where the simulator keeps a folder");

        List<String> trackingIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CurlResponse failed = client.service("PUT", "/enrollments/dev-" + i, Optional.of(Enrollments.symmetricKey()));

            assertDpsError(failed, 500, 500001, "internal error (tracking id ");
            String trackingId = failed.json().getString("trackingId");
            assertThat(failed.json().getString("message")).isEqualTo(
                    "internal error (tracking id " + trackingId + "): the simulator's log has the details");
            assertThat(failed.body()).doesNotContain(dir.toString()).doesNotContain("Exception").doesNotContain("enrollments");
            trackingIds.add(trackingId);
        }

        for (String trackingId : trackingIds) {
            assertThat(log.records()).filteredOn(record -> record.getMessage().contains(trackingId)).as("log lines of " + trackingId).hasSize(1);
        }
        // One stack trace for the three (none, had the same bug been traced in this JVM less than a minute ago).
        assertThat(log.records()).filteredOn(record -> record.getThrown() != null).as("stack traces").hasSizeLessThanOrEqualTo(1);
    }
}
