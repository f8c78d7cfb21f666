package dev.dpsrig.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InternalErrorsTest {
    @RegisterExtension
    final LogCapture log = LogCapture.of(InternalErrors.class, Level.ALL);

    @Test
    void eachOccurrenceIsOneLineWithItsTrackingIdAndTheStackTraceComesOnceAMinute() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add(InternalErrors.report("PUT /scope/registrations/d-" + i + "/register", sameBug()));
        }

        assertThat(ids).doesNotHaveDuplicates();
        assertThat(log.records()).hasSize(50);
        assertThat(log.records()).filteredOn(record -> record.getThrown() != null).as("stack traces").hasSize(1);
        for (int i = 0; i < 50; i++) {
            assertThat(log.records().get(i).getMessage()).contains("internal error " + ids.get(i))
                    .contains("PUT /scope/registrations/d-" + i + "/register")
                    .doesNotContain("\n");
        }
    }

    @Test
    void aDifferentBugGetsItsOwnStackTrace() {
        InternalErrors.report("GET /a", new IllegalStateException("first kind"));
        InternalErrors.report("GET /b", new ArithmeticException("second kind"));

        assertThat(log.records()).filteredOn(record -> record.getThrown() != null).hasSize(2);
    }

    private static RuntimeException sameBug() {
        return new UnsupportedOperationException("the same line every time " + System.nanoTime());
    }
}
