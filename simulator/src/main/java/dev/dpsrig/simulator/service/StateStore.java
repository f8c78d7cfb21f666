package dev.dpsrig.simulator.service;

import jakarta.json.JsonObject;
import java.util.Map;

/**
 * Where the simulator's state survives restarts: JSON documents grouped by kind
 * ({@code enrollments}, {@code registrations}, ...) and keyed by id. Implementations write
 * atomically, so a crash never loses or corrupts a document already stored.
 */
public interface StateStore {

    void put(String kind, String id, JsonObject document);

    void delete(String kind, String id);

    /** Every document of a kind, by id. */
    Map<String, JsonObject> loadAll(String kind);

    /** Nothing is kept: for tests and {@code --in-memory}. */
    static StateStore none() {
        return new StateStore() {
            @Override
            public void put(String kind, String id, JsonObject document) {
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
