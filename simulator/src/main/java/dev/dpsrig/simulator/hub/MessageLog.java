package dev.dpsrig.simulator.hub;

import java.util.List;

/** Where a hub keeps the messages it accepted, so that they outlive the process. */
public interface MessageLog extends AutoCloseable {

    /** Returns once the message is stored: an acknowledged message is never lost. */
    void append(DeviceMessage message);

    /** Stores a batch; returns once every message of it is stored. */
    default void appendAll(List<DeviceMessage> batch) {
        batch.forEach(this::append);
    }

    /** Every message stored, oldest first. */
    List<DeviceMessage> readAll();

    @Override
    void close();

    /** Keeps nothing: for tests and {@code --in-memory}. */
    static MessageLog none() {
        return new MessageLog() {
            @Override
            public void append(DeviceMessage message) {
            }

            @Override
            public List<DeviceMessage> readAll() {
                return List.of();
            }

            @Override
            public void close() {
            }
        };
    }
}
