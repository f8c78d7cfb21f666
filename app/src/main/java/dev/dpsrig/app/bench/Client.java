package dev.dpsrig.app.bench;

/** One simulated client of a benchmark, repeating one operation; its answers are checked, not just counted. */
public interface Client extends Operation, AutoCloseable {
    /** Lets go of what the client holds: its connections. */
    @Override
    void close();
}
