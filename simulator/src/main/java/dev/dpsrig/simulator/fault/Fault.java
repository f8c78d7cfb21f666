package dev.dpsrig.simulator.fault;

import java.time.Duration;

/**
 * What goes wrong when a rule strikes. Each kind says what the client sees on the wire.
 */
public sealed interface Fault {

    /** The name used in rules and on the command line, e.g. {@code throttle}. */
    String kind();

    /** 429 with {@code Retry-After: seconds} and the endpoint's error body. */
    record Throttle(int retryAfterSeconds) implements Fault {
        public Throttle {
            if (retryAfterSeconds < 0) {
                throw new IllegalArgumentException("retry-after must be at least 0 seconds, not " + retryAfterSeconds);
            }
        }

        @Override
        public String kind() {
            return "throttle";
        }
    }

    /** 500 or 503 with the endpoint's error body. */
    record ServerError(int status) implements Fault {
        public ServerError {
            if (status != 500 && status != 503) {
                throw new IllegalArgumentException("a server error is status 500 or 503, not " + status);
            }
        }

        @Override
        public String kind() {
            return "server-error";
        }
    }

    /** The answer, unchanged, after a wait. */
    record Delay(Duration delay) implements Fault {
        public Delay {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("a delay cannot be negative: " + delay);
            }
        }

        @Override
        public String kind() {
            return "delay";
        }
    }

    /** The connection closes: right after the request is read, or part-way through the answer's body. */
    record DropConnection(DropPoint point) implements Fault {
        @Override
        public String kind() {
            return "drop-connection";
        }
    }

    enum DropPoint {
        AFTER_REQUEST, MID_RESPONSE
    }

    /** The real answer, damaged. */
    record MalformedAnswer(Malformation malformation) implements Fault {
        @Override
        public String kind() {
            return "malformed-answer";
        }
    }

    enum Malformation {
        /** The JSON body cut in half (with a matching Content-Length). */
        TRUNCATED_JSON,
        /** A 202 without {@code operationId}. */
        MISSING_OPERATION_ID,
        /** {@code Retry-After} that is not an integer. */
        NON_INTEGER_RETRY_AFTER
    }

    /** 401 whatever the credentials. */
    record AuthenticationError() implements Fault {
        @Override
        public String kind() {
            return "authentication-error";
        }
    }

    /** On register: the operation ends {@code failed} with this error code and message. */
    record AssignmentFailed(int errorCode, String errorMessage) implements Fault {
        @Override
        public String kind() {
            return "assignment-failed";
        }
    }

    /** On register: the operation answers {@code assigning} to this many lookups before it completes. */
    record KeepAssigning(int polls) implements Fault {
        public KeepAssigning {
            if (polls < 1) {
                throw new IllegalArgumentException("keep-assigning needs at least 1 poll, not " + polls);
            }
        }

        @Override
        public String kind() {
            return "keep-assigning";
        }
    }

    /** On a handshake endpoint: the server waits this long before it answers the client's hello. */
    record SlowHandshake(Duration delay) implements Fault {
        @Override
        public String kind() {
            return "slow-handshake";
        }
    }

    /** On an MQTT CONNECT: the CONNACK refuses the connection with this return code (1 to 5). */
    record ConnectRefused(int returnCode) implements Fault {
        public ConnectRefused {
            if (returnCode < 1 || returnCode > 5) {
                throw new IllegalArgumentException("an MQTT 3.1.1 CONNACK refuses with return code 1 to 5, not " + returnCode);
            }
        }

        @Override
        public String kind() {
            return "connect-refused";
        }
    }
}
