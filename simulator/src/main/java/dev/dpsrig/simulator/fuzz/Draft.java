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
     * What credentials are after the mutations: {@code VALID} as the template made them, {@code INVALID}
     * certainly refused by a correct server (so a 2xx is a false accept), or {@code UNKNOWN} when a mutation
     * may or may not have broken them (no false-accept check).
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
    /** What the Authorization header is worth, while there is one. */
    private Credentials authorization = Credentials.VALID;
    /** What the TLS client certificate is worth for this request (none is worth nothing). */
    private Credentials certificate;
    /** Whether the path still names what the credentials were made for (a device's id, the ID scope). */
    private Credentials binding = Credentials.VALID;
    final List<String> mutations = new ArrayList<>();

    Draft(String operation, Family family, RawRequest request, boolean onHub, Optional<Fixture.Device> device, boolean jsonBody) {
        this.operation = operation;
        this.family = family;
        this.request = request;
        this.onHub = onHub;
        this.device = device;
        this.jsonBody = jsonBody;
        this.certificate = device.filter(d -> !d.usesSas()).isPresent() ? Credentials.VALID : Credentials.INVALID;
    }

    /** A mutation put a new Authorization header in place of the old. */
    void authorization(Credentials worth) {
        authorization = worth;
    }

    /** A mutation changed the Authorization header: a broken one stays broken, a good one may not be. */
    void authorizationAltered() {
        authorization = worse(authorization, Credentials.UNKNOWN);
    }

    /** A mutation changed the client certificate. */
    void certificate(Credentials worth) {
        certificate = worth;
    }

    /** A mutation changed the path; a path that no longer names the credentials' device stays so. */
    void binding(Credentials worth) {
        binding = worse(binding, worth);
    }

    /**
     * The credentials as the server will judge them: the service and admin APIs by the Authorization
     * header alone; a device by its Authorization header when it sends one, else by its certificate, and
     * either only for the path they were made for.
     */
    Credentials credentials() {
        boolean authorized = request.hasHeader("Authorization");
        if (!isDeviceFacing()) {
            return authorized ? authorization : Credentials.INVALID;
        }
        return worse(authorized ? authorization : certificate, binding);
    }

    private static Credentials worse(Credentials a, Credentials b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    boolean isDeviceFacing() {
        return family == Family.DPS_DEVICE || family == Family.HUB;
    }

    /** Whether the device proves itself with its TLS certificate (no Authorization header sent). */
    boolean usesCertificate() {
        return isDeviceFacing() && device.isPresent() && !device.get().usesSas();
    }
}
