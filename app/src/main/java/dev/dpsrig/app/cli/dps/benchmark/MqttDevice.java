package dev.dpsrig.app.cli.dps.benchmark;

import dev.dpsrig.app.bench.Client;
import dev.dpsrig.app.bench.Outcome;
import dev.dpsrig.emulator.device.DeviceAttestation;
import dev.dpsrig.emulator.device.ProvisioningLink;
import dev.dpsrig.emulator.device.mqtt.MqttProvisioningLink;
import dev.dpsrig.protocol.dps.DeviceRegistration;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Each registration is a device registering over MQTT as the emulator's devices do ({@link MqttProvisioningLink}): a
 * new connection with its own TLS handshake (presenting the certificate of an X.509 device), CONNECT with the device's
 * credentials, SUBSCRIBE, the register PUBLISH and the operation-status PUBLISHes, then DISCONNECT.
 */
final class MqttDevice implements Client {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final MqttProvisioningLink link;
    private final Supplier<DeviceAttestation> devices;

    /** @param devices the device of each registration in turn */
    MqttDevice(MqttProvisioningLink link, Supplier<DeviceAttestation> devices) {
        this.link = link;
        this.devices = devices;
    }

    @Override
    public Outcome run() throws Exception {
        DeviceAttestation device = devices.get();
        String id = device.registrationId();
        try (ProvisioningLink.Session session = link.open(device)) {
            return DeviceProtocol.register(id, new DeviceProtocol.Exchanges() {
                @Override
                public DeviceProtocol.Answer register() throws Exception {
                    return answer(session.register(DeviceRegistration.of(id, Optional.empty()), TIMEOUT));
                }

                @Override
                public DeviceProtocol.Answer operation(String operationId) throws Exception {
                    return answer(session.operationStatus(operationId, TIMEOUT));
                }
            });
        }
    }

    private static DeviceProtocol.Answer answer(ProvisioningLink.Answer answer) {
        return new DeviceProtocol.Answer(answer.status(), answer.text());
    }

    @Override
    public void close() {
    }
}
