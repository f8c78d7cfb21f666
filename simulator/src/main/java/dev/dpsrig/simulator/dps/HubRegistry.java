package dev.dpsrig.simulator.dps;

import dev.dpsrig.protocol.HubException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** The device identities of one simulated hub, kept as DPS creates them on assignment. */
public final class HubRegistry {
    private final Hub hub;
    private final DpsStore store;
    private final Map<String, HubDevice> devices = new ConcurrentSkipListMap<>();

    /** @param stored the hub's devices as the store held them when the simulator started */
    HubRegistry(Hub hub, DpsStore store, Map<String, HubDevice> stored) {
        this.hub = hub;
        this.store = store;
        devices.putAll(stored);
    }

    public Hub hub() {
        return hub;
    }

    /** Device ids are case-sensitive in IoT Hub. */
    public Optional<HubDevice> device(String deviceId) {
        return Optional.ofNullable(devices.get(deviceId));
    }

    public List<HubDevice> devices() {
        return List.copyOf(devices.values());
    }

    /** Enables or disables a device, as an operator does in the hub's registry; DPS re-enables it on its next assignment. */
    public HubDevice setEnabled(String deviceId, boolean enabled, Instant now) {
        HubDevice updated = devices.compute(deviceId, (id, device) -> {
            if (device == null) {
                throw HubException.deviceNotFound("hub '" + hub.name() + "' has no device '" + deviceId + "'");
            }
            return new HubDevice(device.deviceId(), device.registrationId(), device.authentication(), enabled,
                    device.iotEdge(), device.initialTwin(), device.revision().next(now));
        });
        store.put(hub.name(), updated);
        return updated;
    }

    void put(HubDevice device) {
        store.put(hub.name(), device);
        devices.put(device.deviceId(), device);
    }
}
