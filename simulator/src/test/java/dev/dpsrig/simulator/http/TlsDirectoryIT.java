package dev.dpsrig.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bench keeps the CA its boards trust while every run starts from empty state. */
class TlsDirectoryIT {
    @TempDir
    Path tls;

    @Test
    void anInMemorySimulatorKeepsItsCaInTheTlsDirectoryAcrossRuns() {
        X509Certificate first;
        try (LocalSimulator simulator = LocalSimulator.start(SimulatorConfig.builder().tlsDirectory(tls).addTlsName("bench.example").build())) {
            first = simulator.trustedRoot();
        }
        try (LocalSimulator simulator = LocalSimulator.start(SimulatorConfig.builder().tlsDirectory(tls).addTlsName("bench.example").build())) {
            assertThat(simulator.trustedRoot()).isEqualTo(first);
        }
        assertThat(tls).isDirectoryContaining(path -> Files.isRegularFile(path) && path.getFileName().toString().endsWith(".pem"));
    }
}
