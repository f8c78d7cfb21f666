package dev.dpsrig.simulator.http;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What one logger (and the loggers below it) logs during each test, from a level up:
 * {@code @RegisterExtension final LogCapture log = LogCapture.of(InternalErrors.class, Level.ALL);}.
 */
final class LogCapture extends Handler implements BeforeEachCallback, AfterEachCallback {
    private final Logger logger;
    private final Level from;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogCapture(Logger logger, Level from) {
        this.logger = logger;
        this.from = from;
    }

    /** What the logger named after this class logs, from this level up. */
    static LogCapture of(Class<?> source, Level from) {
        return new LogCapture(Logger.getLogger(source.getName()), from);
    }

    /** What every logger in the process logs, from this level up. */
    static LogCapture everything(Level from) {
        return new LogCapture(Logger.getLogger(""), from);
    }

    /** The records logged so far in this test, oldest first. */
    List<LogRecord> records() {
        return records;
    }

    /** Forgets what was logged so far, e.g. while the simulator started. */
    void clear() {
        records.clear();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        records.clear();
        logger.addHandler(this);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        logger.removeHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= from.intValue()) {
            records.add(record);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
