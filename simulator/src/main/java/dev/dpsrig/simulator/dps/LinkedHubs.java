package dev.dpsrig.simulator.dps;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The hubs linked to this DPS, each with its device registry. An assignment names its hub by the host
 * name devices are told, so that is the key; a host name from an earlier run may no longer be among them.
 */
final class LinkedHubs {
    private final Map<String, HubRegistry> byHostName = new LinkedHashMap<>();

    /** @param devicesByHub the stored devices of each hub by hub name; a hub missing here reads its own */
    LinkedHubs(List<Hub> hubs, DpsStore store, Map<String, Map<String, HubDevice>> devicesByHub) {
        for (Hub hub : hubs) {
            Map<String, HubDevice> devices = devicesByHub.get(hub.name());
            byHostName.put(key(hub.hostName()), new HubRegistry(hub, store,
                    devices == null ? store.hubDevices(hub.name()) : devices));
        }
    }

    boolean isLinked(String hostName) {
        return byHostName.containsKey(key(hostName));
    }

    /** The registry of the hub devices are told this host name for. */
    Optional<HubRegistry> byHostName(String hostName) {
        return Optional.ofNullable(byHostName.get(key(hostName)));
    }

    Optional<HubRegistry> byNameOrHostName(String nameOrHostName) {
        return byHostName.values().stream().filter(r -> r.hub().name().equalsIgnoreCase(nameOrHostName)
                || r.hub().hostName().equalsIgnoreCase(nameOrHostName)).findFirst();
    }

    List<HubRegistry> all() {
        return List.copyOf(byHostName.values());
    }

    private static String key(String hostName) {
        return hostName.toLowerCase(Locale.ROOT);
    }
}
