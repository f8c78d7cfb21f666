package dev.dpsrig.simulator.fault;

import java.time.Instant;

/**
 * A fault that was served: which rule, on which endpoint, to which device (empty for a handshake),
 * on that device's how-manieth matching call, and when.
 */
public record FaultRecord(long sequence, String ruleId, Endpoint endpoint, String deviceId, long call, Instant at, Fault fault) {
}
