/**
 * The load harness of {@code dpsrig dps benchmark}, {@code dpsrig hub benchmark} and
 * {@code dpsrig fleet benchmark}: workers on virtual threads driving an operation for a duration or over a list of
 * items, each run's {@link dev.dpsrig.app.bench.Outcome} and latency tallied per worker and merged after, and the
 * figures every command prints the same way. No command
 * lives here; each benchmark says what it measures and how it reports it.
 */
package dev.dpsrig.app.bench;
