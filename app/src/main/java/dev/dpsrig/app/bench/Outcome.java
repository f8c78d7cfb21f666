package dev.dpsrig.app.bench;

/**
 * What one run of an operation came to: what was expected, or not, and then what was wrong. An operation that
 * throws is neither: the harness counts it as an error. Benchmarks check answers rather than just count them, so a
 * fast wrong answer is never taken for a fast right one.
 */
public sealed interface Outcome {
    /** HTTP requests the run sent, where the operation counts them; 0 where it does not. */
    int requests();

    /** The answer was the one expected. */
    record Expected(int requests) implements Outcome {
    }

    /**
     * The operation completed, but its answer was not the one expected.
     *
     * @param problem what was wrong, for the first-failure line
     */
    record Unexpected(int requests, String problem) implements Outcome {
    }

    static Outcome expected() {
        return new Expected(0);
    }

    static Outcome expected(int requests) {
        return new Expected(requests);
    }

    static Outcome unexpected(String problem) {
        return new Unexpected(0, problem);
    }

    static Outcome unexpected(int requests, String problem) {
        return new Unexpected(requests, problem);
    }
}
