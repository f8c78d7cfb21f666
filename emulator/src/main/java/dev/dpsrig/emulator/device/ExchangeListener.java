package dev.dpsrig.emulator.device;

/**
 * Told of every request a {@link DeviceTransport} makes, after its answer arrived or it failed; for
 * reports and test evidence. Called on the device's thread, so it must be quick and must not throw.
 */
@FunctionalInterface
public interface ExchangeListener {
    ExchangeListener NONE = exchange -> {
    };

    void exchanged(Exchange exchange);
}
