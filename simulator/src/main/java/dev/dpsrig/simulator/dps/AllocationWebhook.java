package dev.dpsrig.simulator.dps;

import jakarta.json.JsonObject;

/**
 * Calls a custom allocation webhook. The domain builds the {@code AllocationRequest} and reads the
 * answer; how it travels is the adapter's business.
 */
public interface AllocationWebhook {

    /** The webhook's answer: its HTTP status and, when it sent one, its JSON body. */
    record Answer(int status, JsonObject body) {
    }

    Answer call(CustomAllocation webhook, JsonObject allocationRequest);
}
