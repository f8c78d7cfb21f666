package dev.dpsrig.app.cli.dps;

import dev.dpsrig.protocol.settings.ServiceConnectionString;
import java.net.URI;

/**
 * The name {@code az} gives a DPS ({@code my-dps} for {@code my-dps.azure-devices-provisioning.net}): the first label of
 * its service host. A simulator reached by address or as {@code localhost} has no such name and is called {@code dpsrig}.
 */
public final class DpsName {
    private static final String SIMULATOR = "dpsrig";

    private DpsName() {
    }

    public static String of(ServiceConnectionString connection) {
        String host = URI.create("https://" + connection.hostName() + "/").getHost();
        if (host.equalsIgnoreCase("localhost") || host.startsWith("[") || host.matches("[0-9.]+")) {
            return SIMULATOR;
        }
        return host.split("\\.")[0];
    }
}
