package dev.dpsrig.emulator.device;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Where a device provisions: the global endpoint ({@code host[:port]}), the ID scope, and which roots
 * it trusts (empty: the JDK's, as against real Azure).
 *
 * @param apiVersion the {@code api-version} of the device runtime API the device sends
 */
public record DpsEndpoint(String globalEndpoint, String idScope, List<X509Certificate> trustedRoots, String apiVersion) {
    public static final String AZURE_GLOBAL_ENDPOINT = "global.azure-devices-provisioning.net";
    public static final String DEFAULT_API_VERSION = "2021-06-01";

    public DpsEndpoint {
        trustedRoots = List.copyOf(trustedRoots);
        if (globalEndpoint.isBlank() || globalEndpoint.contains("/")) {
            throw new IllegalArgumentException("the global endpoint is host[:port], not '" + globalEndpoint + "'");
        }
        if (!idScope.matches("[A-Za-z0-9]{1,64}")) {
            throw new IllegalArgumentException("ID scope '" + idScope + "' must be letters and digits");
        }
    }

    /** Real Azure DPS with the JDK's trust. */
    public static DpsEndpoint azure(String idScope) {
        return new DpsEndpoint(AZURE_GLOBAL_ENDPOINT, idScope, List.of(), DEFAULT_API_VERSION);
    }

    /** A DPS such as the local simulator, trusting only the given roots. */
    public static DpsEndpoint of(String globalEndpoint, String idScope, List<X509Certificate> trustedRoots) {
        return new DpsEndpoint(globalEndpoint, idScope, trustedRoots, DEFAULT_API_VERSION);
    }
}
