package dev.dpsrig.features.board;

import dev.dpsrig.hil.tethered.HeldIdentity;
import dev.dpsrig.hil.tethered.TetheredFirmware;
import dev.dpsrig.hil.virtual.Firmware;
import dev.dpsrig.emulator.device.DeviceAttestation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Where a virtual board in tethered mode gets its firmware: the board side of the key-holder protocol,
 * which holds the identity and answers the rig's requests while the rig's host talks to DPS. This is the
 * one place that builds it, for {@code dpsrig board emulate --mode tethered} and the step library alike.
 */
public final class TetheredMode {
    private TetheredMode() {
    }

    /**
     * The key-holder firmware for {@code identity}. A symmetric-key device library attestation only signs
     * and never shows its key, so the board is handed the key itself as {@code symmetricKey}.
     */
    public static Firmware firmware(DeviceAttestation identity, Optional<String> symmetricKey) {
        HeldIdentity held = switch (identity) {
            case DeviceAttestation.SymmetricKey key -> new HeldIdentity.SymmetricKey(key.registrationId(), symmetricKey.orElseThrow(
                    () -> new IllegalArgumentException("a tethered board holding a symmetric key needs the key itself")));
            case DeviceAttestation.X509 x509 -> new HeldIdentity.X509(x509.identity());
        };
        return new TetheredFirmware(held, sensors());
    }

    /** A board's sensors: a reading counter and a temperature that drifts slowly, so messages differ. */
    public static Supplier<Map<String, Number>> sensors() {
        AtomicLong reads = new AtomicLong();
        return () -> {
            long n = reads.incrementAndGet();
            Map<String, Number> readings = new LinkedHashMap<>();
            readings.put("reading", n);
            readings.put("temperature", Math.round((21.0 + Math.sin(n / 5.0)) * 10) / 10.0);
            return readings;
        };
    }
}
