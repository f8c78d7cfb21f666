package dev.dpsrig.app.cli.hub.benchmark;

import dev.dpsrig.app.bench.Client;
import dev.dpsrig.app.bench.Load;
import dev.dpsrig.app.bench.Outcome;
import dev.dpsrig.app.bench.Phase;
import dev.dpsrig.app.bench.Transport;
import dev.dpsrig.emulator.device.DeviceAttestation;
import dev.dpsrig.emulator.device.EmulatedDevice;
import dev.dpsrig.emulator.device.Telemetry;
import dev.dpsrig.emulator.device.TelemetryOutcome;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Registered devices of the symmetric-key group, each with its own link to its hub: sending telemetry in turn (over
 * HTTPS a request per message, over MQTT a QoS 1 PUBLISH on the device's one connection, kept open between messages),
 * or connected and left idle.
 */
final class HubFleet implements AutoCloseable {
    private static final Telemetry MESSAGE = Telemetry.text("{\"temperature\": 30}").withProperty("bench", "1");

    private final List<EmulatedDevice> devices;
    private final AtomicLong next = new AtomicLong();

    private HubFleet(List<EmulatedDevice> devices) {
        this.devices = devices;
    }

    /**
     * Registers {@code count} new devices over {@code transport}, {@code concurrency} at a time.
     *
     * @param idPrefix the devices' registration ids are it and a number from 0
     * @throws IllegalStateException when a device was not assigned, naming the first problem
     */
    static HubFleet register(BenchDevices factory, Transport transport, String idPrefix, String groupKey, int count, int concurrency)
            throws InterruptedException, ExecutionException {
        List<EmulatedDevice> devices = IntStream.range(0, count).mapToObj(i -> factory.device(transport,
                DeviceAttestation.SymmetricKey.fromGroupKey(idPrefix + i, groupKey))).toList();
        HubFleet fleet = new HubFleet(devices);
        fleet.eachOnce("registered over " + transport, concurrency, device -> {
            String assigned = device.register(Optional.empty()).deviceId();
            return assigned.equals(device.registrationId()) ? Outcome.expected() : Outcome.unexpected("assigned as " + assigned);
        });
        return fleet;
    }

    /**
     * Connects every device to its hub and leaves it idle: over MQTT, CONNECT and SUBSCRIBE to its cloud-to-device
     * messages, which is what asking for one does on a device's first use of its link.
     */
    void connectAll(int concurrency) throws InterruptedException, ExecutionException {
        eachOnce("connected", concurrency, device -> device.hub().receive().isEmpty() ? Outcome.expected()
                : Outcome.unexpected("a cloud-to-device message was waiting"));
    }

    private void eachOnce(String done, int concurrency, Load.Task<EmulatedDevice> task) throws InterruptedException, ExecutionException {
        Phase phase = Load.each(devices, concurrency, task);
        if (phase.tally().expected() != devices.size()) {
            close();
            throw new IllegalStateException("only " + phase.tally().expected() + " of " + devices.size() + " devices " + done + ": "
                    + phase.tally().firstProblem().orElse("no reason given"));
        }
    }

    /** {@code concurrency} senders, each sending the next device's message; as expected when the hub acknowledged it. */
    List<Client> senders(int concurrency) {
        return IntStream.range(0, concurrency).<Client>mapToObj(worker -> new Client() {
            @Override
            public Outcome run() throws InterruptedException {
                EmulatedDevice device = devices.get((int) (next.getAndIncrement() % devices.size()));
                TelemetryOutcome outcome = device.hub().send(MESSAGE, device.timeline(), device.random());
                return outcome instanceof TelemetryOutcome.Acknowledged ? Outcome.expected() : Outcome.unexpected(outcome.toString());
            }

            @Override
            public void close() {
            }
        }).toList();
    }

    /** Disconnects the devices that keep a connection. */
    @Override
    public void close() {
        devices.forEach(EmulatedDevice::close);
    }
}
