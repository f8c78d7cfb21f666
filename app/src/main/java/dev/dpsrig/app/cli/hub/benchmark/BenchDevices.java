package dev.dpsrig.app.cli.hub.benchmark;

import dev.dpsrig.app.bench.Transport;
import dev.dpsrig.emulator.client.DevSettings;
import dev.dpsrig.emulator.device.DeviceAttestation;
import dev.dpsrig.emulator.device.DeviceTransport;
import dev.dpsrig.emulator.device.DpsEndpoint;
import dev.dpsrig.emulator.device.EmulatedDevice;
import dev.dpsrig.emulator.device.HttpsHubLink;
import dev.dpsrig.emulator.device.ProvisioningClient;
import dev.dpsrig.emulator.device.RetryPolicy;
import dev.dpsrig.emulator.device.Waiter;
import dev.dpsrig.emulator.device.mqtt.MqttEndpoint;
import dev.dpsrig.emulator.device.mqtt.MqttEndpoints;
import dev.dpsrig.emulator.device.mqtt.MqttHubLink;
import dev.dpsrig.emulator.device.mqtt.MqttProvisioningLink;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The benchmark's emulated devices, reaching the simulator as its {@code dev-settings.json} says: over HTTPS (a shared
 * keep-alive transport) or over MQTT on TLS (a connection per registration to DPS, and one for the device's life to its
 * hub). Built the same way in the benchmark's process and in the child process that holds the idle devices.
 */
final class BenchDevices implements AutoCloseable {
    /** Devices poll at once: {@code Retry-After: 1} is outside the bounds 0..0, so the default wait 0 applies. */
    private static final RetryPolicy POLICY = RetryPolicy.DEFAULTS.withPollBounds(Duration.ZERO, Duration.ZERO, Duration.ZERO)
            .withDeadline(Duration.ofMinutes(5));
    /** A hub's SAS token lives an hour, as the SDKs' do. */

    private final DpsEndpoint dps;
    private final MqttEndpoints mqtt;
    private final DeviceTransport https;
    private final Clock clock = Clock.systemUTC();

    private BenchDevices(DpsEndpoint dps, MqttEndpoints mqtt, DeviceTransport https) {
        this.dps = dps;
        this.mqtt = mqtt;
        this.https = https;
    }

    /** Devices of the simulator whose settings file is {@code settingsFile}. */
    static BenchDevices of(Path settingsFile) {
        DevSettings settings = DevSettings.read(settingsFile);
        List<X509Certificate> roots = settings.trustedRoots();
        return new BenchDevices(DpsEndpoint.of(settings.globalEndpoint(), settings.idScope(), roots),
                new MqttEndpoints(MqttEndpoint.Flavour.TLS, settings.mqtt(), roots), new DeviceTransport(roots));
    }

    /** A device that registers and talks to its hub over {@code transport}. */
    EmulatedDevice device(Transport transport, DeviceAttestation attestation) {
        return switch (transport) {
            case https -> new EmulatedDevice(attestation, new ProvisioningClient(dps, https, POLICY, clock, Waiter.SLEEPING),
                    HttpsHubLink.opener(https, clock), POLICY, clock, Waiter.SLEEPING, attestation.registrationId().hashCode());
            case mqtt -> new EmulatedDevice(attestation, new ProvisioningClient(dps,
                    new MqttProvisioningLink(dps, mqtt.dps(dps.globalEndpoint()), clock), POLICY, clock, Waiter.SLEEPING),
                    MqttHubLink.opener(mqtt::hub, MqttEndpoints.TOKEN_LIFETIME, clock), POLICY, clock, Waiter.SLEEPING,
                    attestation.registrationId().hashCode());
        };
    }

    @Override
    public void close() {
        https.close();
    }
}
