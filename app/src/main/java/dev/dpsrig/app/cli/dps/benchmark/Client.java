package dev.dpsrig.app.cli.dps.benchmark;

import dev.dpsrig.app.bench.Operation;
import dev.dpsrig.app.bench.Outcome;

/** One simulated client of the benchmark, repeating one operation; its answers are checked, not just counted. */
interface Client extends Operation, AutoCloseable {
    @Override
    Outcome run();

    @Override
    void close();
}
