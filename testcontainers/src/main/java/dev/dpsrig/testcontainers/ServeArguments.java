package dev.dpsrig.testcontainers;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code dpsrig serve} command line a container runs: the ports layout on every address of the container, the DPS
 * and each hub on the port numbers the Docker host forwards unchanged, and the Docker host as the name devices are told,
 * so {@code dev-settings.json} and DPS's {@code assignedHub} are right for clients on that host.
 *
 * @param advertisedHost the Docker host as clients reach it
 * @param dpsPort        the DPS port, on the host and in the container
 * @param mqttPort       the DPS's MQTT (TLS) port, on the host and in the container; the hubs' follow it, one each
 * @param hubs           each hub and its port, on the host and in the container
 * @param idScope        the DPS ID scope
 * @param dataDirectory  where in the container {@code dev-settings.json} and the TLS material are written
 */
record ServeArguments(String advertisedHost, int dpsPort, int mqttPort, List<HubPort> hubs, String idScope, String dataDirectory) {

    /** A hub and the port it listens on. */
    record HubPort(String name, int port) {
    }

    ServeArguments {
        hubs = List.copyOf(hubs);
        if (hubs.isEmpty()) {
            throw new IllegalArgumentException("the dpsrig container needs at least one hub");
        }
    }

    /** The arguments after the image's {@code dpsrig} entry point. */
    List<String> command() {
        List<String> command = new ArrayList<>(List.of("serve", "--layout", "ports", "--host", "0.0.0.0", "--port", String.valueOf(dpsPort),
                "--mqtt-port", String.valueOf(mqttPort),
                "--advertised-host", advertisedHost, "--id-scope", idScope, "--data-dir", dataDirectory, "--in-memory"));
        hubs.forEach(hub -> command.addAll(List.of("--hub", hub.name() + ":" + hub.port())));
        return command;
    }

    /** Every port to forward from the Docker host to the same port of the container. */
    List<Integer> ports() {
        List<Integer> ports = new ArrayList<>(List.of(dpsPort));
        hubs.forEach(hub -> ports.add(hub.port()));
        for (int i = 0; i <= hubs.size(); i++) {
            ports.add(mqttPort + i);
        }
        return ports;
    }
}
