package dev.dpsrig.simulator.hub;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names a device may put in the {@code sr} of its hub token, lower case: the hub's advertised {@code host:port},
 * the host alone, and the host the device addressed, with and without its port (a bench may resolve an Azure hub name
 * to the rig). Over HTTPS the device addresses the hub in its {@code Host}; over MQTT in its user name.
 */
public final class HubHostNames {
    private HubHostNames() {
    }

    public static Set<String> of(String advertised, String addressed) {
        Set<String> names = new TreeSet<>();
        addWithAndWithoutPort(names, advertised);
        addWithAndWithoutPort(names, addressed);
        return names;
    }

    private static void addWithAndWithoutPort(Set<String> names, String authority) {
        String lower = authority.toLowerCase(Locale.ROOT);
        names.add(lower);
        int colon = lower.lastIndexOf(':');
        if (colon > 0 && lower.indexOf(']') < colon) {
            names.add(lower.substring(0, colon));
        }
    }
}
