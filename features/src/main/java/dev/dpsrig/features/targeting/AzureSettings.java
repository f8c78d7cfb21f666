package dev.dpsrig.features.targeting;

import dev.dpsrig.protocol.settings.ServiceConnectionString;
import java.util.Optional;

/**
 * How to reach a real DPS: the ID scope devices register under, the global endpoint they register at,
 * the service connection string enrollments are made with, and optionally an IoT hub's connection
 * string for checks on the hub side.
 */
public record AzureSettings(String idScope, String globalEndpoint, ServiceConnectionString service,
                            Optional<ServiceConnectionString> hub) {
    /** Without keys: settings end up in logs and error messages. */
    @Override
    public String toString() {
        return "AzureSettings[idScope=" + idScope + ", globalEndpoint=" + globalEndpoint + ", service=" + service
                + ", hub=" + hub.map(ServiceConnectionString::toString).orElse("none") + "]";
    }
}
