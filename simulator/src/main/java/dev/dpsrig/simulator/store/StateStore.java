package dev.dpsrig.simulator.store;

import jakarta.json.JsonObject;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where the simulator's state survives restarts: JSON documents grouped by kind
 * ({@code enrollments}, {@code registrations}, ...) and keyed by id. Implementations write
 * atomically and durably: once {@link #put} or {@link #delete} returns, the change survives a crash
 * of the process or of the machine, and a crash never loses or corrupts a document already stored.
 */
public interface StateStore {

    /**
     * Stores a document. It is supplied lazily: a store that keeps nothing never pays for building it,
     * which on the in-memory simulator's registration path is most of the JSON work.
     */
    void put(String kind, String id, Supplier<JsonObject> document);

    void delete(String kind, String id);

    /** Every document of a kind, by id. */
    Map<String, JsonObject> loadAll(String kind);

    /** Nothing is kept: for tests and {@code --in-memory}. */
    static StateStore none() {
        return new StateStore() {
            @Override
            public void put(String kind, String id, Supplier<JsonObject> document) {
            }

            @Override
            public void delete(String kind, String id) {
            }

            @Override
            public Map<String, JsonObject> loadAll(String kind) {
                return Map.of();
            }
        };
    }
}
