package dev.dpsrig.app.bench;

/** One worker's operation, run again and again by the harness; what it throws is counted as an error. */
@FunctionalInterface
public interface Operation {
    Outcome run() throws Exception;
}
