package dev.dpsrig.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InternalErrorsTest {
    private final List<LogRecord> records = new ArrayList<>();
    private final Logger log = Logger.getLogger(InternalErrors.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        log.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        log.removeHandler(capture);
    }

    @Test
    void eachOccurrenceIsOneLineWithItsTrackingIdAndTheStackTraceComesOnceAMinute() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add(InternalErrors.report("PUT /scope/registrations/d-" + i + "/register", sameBug()));
        }

        assertThat(ids).doesNotHaveDuplicates();
        assertThat(records).hasSize(50);
        assertThat(records).filteredOn(record -> record.getThrown() != null).as("stack traces").hasSize(1);
        for (int i = 0; i < 50; i++) {
            assertThat(records.get(i).getMessage()).contains("internal error " + ids.get(i))
                    .contains("PUT /scope/registrations/d-" + i + "/register")
                    .doesNotContain("\n");
        }
    }

    @Test
    void aDifferentBugGetsItsOwnStackTrace() {
        InternalErrors.report("GET /a", new IllegalStateException("first kind"));
        InternalErrors.report("GET /b", new ArithmeticException("second kind"));

        assertThat(records).filteredOn(record -> record.getThrown() != null).hasSize(2);
    }

    private static RuntimeException sameBug() {
        return new UnsupportedOperationException("the same line every time " + System.nanoTime());
    }
}
