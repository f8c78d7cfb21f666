package dev.dpsrig.simulator.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A fuzz case being built: a well-formed request for one operation with good credentials, then
 * damaged by mutations, each of which says what it did to the credentials.
 */
final class Draft {
    /** Which API a request is for; each has its own credentials and error format. */
    enum Family {
        DPS_DEVICE("DPS device API"), SERVICE("service API"), HUB("hub device API"), ADMIN("admin API");

        final String label;

        Family(String label) {
            this.label = label;
        }
    }

    /**
     * What the credentials are after the mutations: {@code VALID} as the template made them,
     * {@code INVALID} certainly refused by a correct server (so a 2xx is a false accept), or
     * {@code UNKNOWN} when a mutation may or may not have broken them (no false-accept check).
     */
    enum Credentials { VALID, UNKNOWN, INVALID }

    final String operation;
    final Family family;
    final RawRequest request;
    /** Whether the request goes to the hub's port rather than DPS's. */
    final boolean onHub;
    /** The device whose credentials the template used, for device-facing operations. */
    final Optional<Fixture.Device> device;
    /** The server reads the body as JSON (not as opaque telemetry). */
    final boolean jsonBody;
    String identity = Fixture.ANONYMOUS;
    Credentials credentials = Credentials.VALID;
    final List<String> mutations = new ArrayList<>();

    Draft(String operation, Family family, RawRequest request, boolean onHub, Optional<Fixture.Device> device, boolean jsonBody) {
        this.operation = operation;
        this.family = family;
        this.request = request;
        this.onHub = onHub;
        this.device = device;
        this.jsonBody = jsonBody;
    }

    /** Records what a mutation did: a broken credential stays broken whatever comes after. */
    void credentials(Credentials effect) {
        if (effect.ordinal() > credentials.ordinal()) {
            credentials = effect;
        }
    }

    boolean isDeviceFacing() {
        return family == Family.DPS_DEVICE || family == Family.HUB;
    }

    /** Whether the device proves itself with its TLS certificate (no Authorization header sent). */
    boolean usesCertificate() {
        return isDeviceFacing() && device.isPresent() && !device.get().usesSas();
    }
}
