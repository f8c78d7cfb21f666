package dev.dpsrig.emulator.fleet;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/** What a fleet run has counted so far for the devices of one transport, updated by those devices from their own threads. */
final class TransportTally {
    final LongAdder devices = new LongAdder();
    final LongAdder assigned = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder acknowledged = new LongAdder();
    final LongAdder failed = new LongAdder();
    final Histogram register = FleetReport.histogram();
    final Histogram timeToAssigned = FleetReport.histogram();
    final Histogram telemetry = FleetReport.histogram();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    void error(String code) {
        errors.computeIfAbsent(code, k -> new LongAdder()).increment();
    }

    TransportShare share() {
        Map<String, Long> errorCounts = new LinkedHashMap<>();
        errors.forEach((code, count) -> errorCounts.put(code, count.sum()));
        return new TransportShare(devices.sum(), assigned.sum(), sent.sum(), acknowledged.sum(), failed.sum(), errorCounts,
                FleetTally.copy(register), FleetTally.copy(timeToAssigned), FleetTally.copy(telemetry));
    }
}
