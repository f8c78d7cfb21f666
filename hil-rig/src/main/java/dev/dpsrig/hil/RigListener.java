package dev.dpsrig.hil;

/** Receives every {@link RigEvent}; listeners must not block. */
@FunctionalInterface
public interface RigListener {

    RigListener NONE = event -> { };

    void event(RigEvent event);
}
