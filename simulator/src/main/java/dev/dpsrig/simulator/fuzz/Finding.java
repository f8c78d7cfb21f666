package dev.dpsrig.simulator.fuzz;

import java.util.List;

/**
 * One failed oracle: the case (seed and index reproduce it), what was sent and what came back.
 *
 * @param kind what went wrong
 * @param mutations what the fuzzer did to the well-formed request, in order
 * @param request the bytes sent, made printable
 * @param status the first answer's status, or how the connection ended
 * @param answer the answers, or how the connection ended
 * @param changes for {@link Kind#STATE_CHANGED}: what changed
 * @param cause what the answer says went wrong (a 5xx), or the operation and mutations (the others)
 */
public record Finding(Kind kind, long seed, int index, String operation, String family, String credentials, List<String> mutations,
                      String request, String status, String answer, List<String> changes, String cause) {

    public enum Kind {
        SERVER_ERROR("5xx answer"),
        FALSE_ACCEPT("2xx for credentials that must be refused"),
        STATE_CHANGED("stored state changed, yet the request was refused");

        public final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** Findings alike enough to be one bug: same kind, API, status and cause. */
    public String signature() {
        return kind.label + " | " + family + " | " + status + " | " + cause;
    }
}
