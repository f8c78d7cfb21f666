package dev.dpsrig.features.board;

import dev.dpsrig.simulator.server.SimulatorConfig;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Where real boards find the scenarios' simulator: bound to an address on the bench network, on a
 * fixed DPS port, under a name its certificate carries, with a development CA kept in a folder so the
 * boards' firmware is told once which root to trust. Without {@value #HOST_PROPERTY} the simulator
 * stays on loopback with a CA of its own each run, which virtual boards are handed directly.
 */
public record BenchNetwork(String host, String name, int dpsPort, Path tlsDirectory) {
    public static final String HOST_PROPERTY = "dpsrig.bench.host";
    public static final String NAME_PROPERTY = "dpsrig.bench.name";
    public static final String PORT_PROPERTY = "dpsrig.bench.port";
    public static final String TLS_PROPERTY = "dpsrig.bench.tls";
    public static final int DEFAULT_PORT = 8443;
    public static final Path DEFAULT_TLS_DIRECTORY = Path.of("dpsrig-bench-tls");

    /** The bench network the properties describe, if {@value #HOST_PROPERTY} is set; a bad port is named. */
    public static Optional<BenchNetwork> from(Properties properties) {
        String host = properties.getProperty(HOST_PROPERTY, "").strip();
        if (host.isEmpty()) {
            return Optional.empty();
        }
        String port = properties.getProperty(PORT_PROPERTY, Integer.toString(DEFAULT_PORT)).strip();
        int dpsPort;
        try {
            dpsPort = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PORT_PROPERTY + " must be a port number, not '" + port + "'");
        }
        if (dpsPort < 1 || dpsPort > 65_534) {
            throw new IllegalArgumentException(PORT_PROPERTY + " must be 1 to 65534 (the hub takes the next port), not " + dpsPort);
        }
        String name = properties.getProperty(NAME_PROPERTY, host).strip();
        Path tls = Path.of(properties.getProperty(TLS_PROPERTY, DEFAULT_TLS_DIRECTORY.toString())).toAbsolutePath();
        return Optional.of(new BenchNetwork(host, name, dpsPort, tls));
    }

    /** Binds the simulator to the bench: address, port, the name devices are told and the CA folder. */
    public SimulatorConfig.Builder applyTo(SimulatorConfig.Builder config) {
        return config.host(host).advertisedHost(name).addTlsName(name).dpsPort(dpsPort).tlsDirectory(tlsDirectory);
    }
}
