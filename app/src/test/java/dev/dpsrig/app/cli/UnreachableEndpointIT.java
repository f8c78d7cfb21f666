package dev.dpsrig.app.cli;

import static dev.dpsrig.app.cli.CommandRun.dpsrig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.app.cli.shared.ExitCodes;
import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.SymmetricKeys;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands pointed at an endpoint where nothing listens (a port bound, then let go) stop at once with one line naming
 * it, and exit code 9, instead of retrying {@code Connection refused} until their deadline: each shows it made one
 * attempt and no retry, which is what "at once" means whatever the machine's speed.
 */
class UnreachableEndpointIT {

    @TempDir
    Path dataDir;

    private int port;
    private Path settings;

    @BeforeEach
    void settingsOfASimulatorThatIsNotRunning() throws IOException {
        port = closedPort();
        Path root = dataDir.resolve("root.cert.pem");
        Files.writeString(root, HeldCertificate.builder().commonName("not-running root").certificateAuthority().build().certificatePem());
        settings = dataDir.resolve("dev-settings.json");
        Files.writeString(settings, Jsonp.createObjectBuilder()
                .add("idScope", "0ne00000001")
                .add("globalEndpoint", "127.0.0.1:" + port)
                .add("serviceConnectionString", "HostName=127.0.0.1:" + port
                        + ";SharedAccessKeyName=provisioningserviceowner;SharedAccessKey=" + SymmetricKeys.generate())
                .add("trustedRootCertificate", root.toString())
                .build().toString());
    }

    @Test
    void deviceRegisterAgainstTheSettingsOfAStoppedSimulator() {
        CommandRun run = dpsrig("device", "register", "--data-dir", dataDir.toString(), "--registration-id", "x",
                "--symmetric-key", SymmetricKeys.generate());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.UNREACHABLE).isEqualTo(9);
        assertThat(run.err().lines()).singleElement().isEqualTo("dpsrig device register: cannot reach DPS at 127.0.0.1:" + port
                + ": connection refused — is `dpsrig serve` running? (settings from " + settings + ")");
        assertThat(run.out()).contains("register sent (attempt 1)").doesNotContain("retry", "attempt 2");
    }

    @Test
    void deviceRegisterAgainstAGlobalEndpointGivenOnTheCommandLine() {
        CommandRun run = dpsrig("device", "register", "--registration-id", "x", "--symmetric-key", SymmetricKeys.generate(),
                "--global-endpoint", "127.0.0.1:" + port, "--id-scope", "0ne00000001");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.err().lines()).singleElement().isEqualTo("dpsrig device register: cannot reach DPS at 127.0.0.1:" + port
                + ": connection refused — is `dpsrig serve` running? (from --global-endpoint)");
    }

    @Test
    void deviceSendStraightToAHubThatIsNotThere() {
        CommandRun run = dpsrig("device", "send", "--data-dir", dataDir.toString(), "--assigned-hub", "127.0.0.1:" + port,
                "--device-id", "d-1", "--symmetric-key", SymmetricKeys.generate(), "--data", "hello", "--count", "3");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.err().lines()).singleElement().isEqualTo("dpsrig device send: cannot reach the IoT hub at 127.0.0.1:" + port
                + ": connection refused — is `dpsrig serve` running? (from --assigned-hub)");
        assertThat(run.out()).as("the other messages are not tried").contains("message 1/3: failed").doesNotContain("message 2/3");
    }

    @Test
    void fleetRunStopsAtOnceInsteadOfCountingNoErrorsForMinutes() {
        CommandRun run = dpsrig("fleet", "run", "--data-dir", dataDir.toString(), "--devices", "10");

        assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.err().lines()).singleElement().isEqualTo("dpsrig fleet run: cannot reach DPS at 127.0.0.1:" + port
                + ": connection refused — is `dpsrig serve` running? (settings from " + settings + ")");
        assertThat(run.out()).startsWith("fleet: 10 devices").doesNotContain("fleet summary");
    }

    @Test
    void fleetRunThatEnrollsFirstSaysTheSame() {
        CommandRun run = dpsrig("fleet", "run", "--data-dir", dataDir.toString(), "--devices", "10", "--enroll");

        assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.err().lines()).singleElement().isEqualTo("dpsrig fleet run: cannot reach the simulator at 127.0.0.1:" + port
                + ": connection refused — is `dpsrig serve` running? (settings from " + settings + ")");
    }

    @Test
    void dpsEnrollmentList() {
        CommandRun run = dpsrig("dps", "enrollment", "list", "--data-dir", dataDir.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.err().lines()).singleElement().isEqualTo("dpsrig dps enrollment list: cannot reach the simulator at 127.0.0.1:" + port
                + ": connection refused — is `dpsrig serve` running? (settings from " + settings + ")");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void dpsAgainstAConnectionString() {
        CommandRun run = dpsrig("dps", "enrollment", "list", "--connection-string", "HostName=127.0.0.1:" + port
                + ";SharedAccessKeyName=provisioningserviceowner;SharedAccessKey=" + SymmetricKeys.generate());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.err().lines()).singleElement().isEqualTo("dpsrig dps enrollment list: cannot reach DPS at 127.0.0.1:" + port
                + ": connection refused — is `dpsrig serve` running? (from --connection-string)");
    }

    @Test
    void hubFaultsAndQuotasSayTheSame() {
        String line = ": cannot reach the simulator at 127.0.0.1:" + port + ": connection refused — is `dpsrig serve` running?"
                + " (settings from " + settings + ")";

        CommandRun hub = dpsrig("hub", "messages", "--data-dir", dataDir.toString());
        CommandRun faults = dpsrig("faults", "list", "--data-dir", dataDir.toString());
        CommandRun quotas = dpsrig("quotas", "--data-dir", dataDir.toString());

        assertThat(hub.exitCode()).as(hub.err()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(hub.err().lines()).singleElement().isEqualTo("dpsrig hub messages" + line);
        assertThat(faults.exitCode()).as(faults.err()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(faults.err().lines()).singleElement().isEqualTo("dpsrig faults list" + line);
        assertThat(quotas.exitCode()).as(quotas.err()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(quotas.err().lines()).singleElement().isEqualTo("dpsrig quotas" + line);
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** A port nothing listens on: bound, then let go. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
