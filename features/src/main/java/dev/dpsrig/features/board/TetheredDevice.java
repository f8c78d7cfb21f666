package dev.dpsrig.features.board;

import dev.dpsrig.hil.tethered.Command;
import dev.dpsrig.hil.tethered.TetheredException;
import dev.dpsrig.hil.tethered.TetheredIdentity;
import dev.dpsrig.hil.tethered.TetheredLink;
import dev.dpsrig.emulator.device.DeviceAttestation;
import dev.dpsrig.emulator.device.DeviceTransport;
import dev.dpsrig.emulator.device.EmulatedDevice;
import dev.dpsrig.emulator.device.ProvisioningClient;
import dev.dpsrig.emulator.device.RegistrationResult;
import dev.dpsrig.emulator.device.Telemetry;
import dev.dpsrig.emulator.device.TelemetryOutcome;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.MessageProperty;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;

/**
 * A board that keeps its secret, registered and heard from through the rig: the device library
 * speaks HTTPS to DPS and the hub, and every SAS or TLS signature it needs is made by the board over
 * the tethered line. Its readings (READ) become the telemetry the hub receives.
 */
public final class TetheredDevice {
    private final TetheredLink link;
    private final TetheredIdentity identity;
    private final EmulatedDevice device;

    private TetheredDevice(TetheredLink link, TetheredIdentity identity, EmulatedDevice device) {
        this.link = link;
        this.identity = identity;
        this.device = device;
    }

    /** Asks the board who it is (HELLO, and CHAIN for X.509) and sets up a device that signs through it. */
    public static TetheredDevice connect(TetheredLink link, ProvisioningClient dps, DeviceTransport transport, long seed) {
        TetheredIdentity identity = TetheredIdentity.ask(link);
        return new TetheredDevice(link, identity, new EmulatedDevice(attestation(identity), dps, transport, seed));
    }

    /** A device the caller built from {@link #attestation} (e.g. in a scenario's world) on a link already asked. */
    public static TetheredDevice on(TetheredLink link, TetheredIdentity identity, EmulatedDevice device) {
        return new TetheredDevice(link, identity, device);
    }

    /** The attestation the device library uses for a tethered identity; its secret stays on the board. */
    public static DeviceAttestation attestation(TetheredIdentity identity) {
        return switch (identity) {
            case TetheredIdentity.SymmetricKey symmetric -> DeviceAttestation.SymmetricKey.signedBy(symmetric.registrationId(),
                    symmetric::signSas);
            case TetheredIdentity.X509 x509 -> new DeviceAttestation.X509(x509.registrationId(), x509.identity());
        };
    }

    public String registrationId() {
        return identity.registrationId();
    }

    public TetheredIdentity identity() {
        return identity;
    }

    /** The device as the library sees it: timeline, hub client, registration. */
    public EmulatedDevice device() {
        return device;
    }

    public RegistrationResult register() throws InterruptedException {
        return device.register(Optional.empty());
    }

    /** READs the board's sensors and sends them to the assigned hub as one JSON message. */
    public TelemetryOutcome sendReadings() throws InterruptedException {
        String readings = link.read();
        try (JsonReader reader = Jsonp.createReader(new StringReader(readings))) {
            JsonObject parsed = reader.readObject();
            return device.hub().send(Telemetry.text(parsed.toString()).with(MessageProperty.CONTENT_TYPE, "application/json")
                    .with(MessageProperty.CONTENT_ENCODING, "utf-8"), device.timeline(), device.random());
        } catch (JsonException | IllegalStateException e) {
            throw new TetheredException(Command.READ, 0, 1, Optional.of(readings), List.of(),
                    "board " + link.board() + " READ is not a JSON object: " + e.getMessage());
        }
    }
}
