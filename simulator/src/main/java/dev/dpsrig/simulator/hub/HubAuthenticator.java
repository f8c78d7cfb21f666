package dev.dpsrig.simulator.hub;

import dev.dpsrig.certs.Certificates;
import dev.dpsrig.certs.ChainValidator;
import dev.dpsrig.certs.ChainVerdict;
import dev.dpsrig.protocol.HubException;
import dev.dpsrig.protocol.SasToken;
import dev.dpsrig.simulator.dps.DeviceCredentials;
import dev.dpsrig.simulator.dps.HubDevice.HubAuthentication;
import dev.dpsrig.simulator.dps.HubDevice;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a request may act as a device of one hub, the way IoT Hub does over HTTPS: a SAS
 * token signed with one of the device's own keys for {@code {hub host}/devices/{id}}, or the TLS client
 * certificate the device's identity names (its thumbprint for individual enrollments; a chain to the
 * group's CA, CN = device id, for group enrollments).
 */
final class HubAuthenticator {
    private final Clock clock;

    HubAuthenticator(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param hostNames the names this hub answers to, lower case, with and without port: its advertised
     *                  name and the {@code Host} the client addressed (a bench may point an Azure host name at the rig)
     * @return the authentication method, as the hub stamps it on messages
     */
    String authenticate(HubDevice device, Optional<String> moduleId, DeviceCredentials credentials, Set<String> hostNames) {
        return switch (credentials) {
            case DeviceCredentials.Sas sas -> {
                checkToken(device, moduleId, sas.token(), hostNames);
                yield "sas";
            }
            case DeviceCredentials.ClientCertificate certificate -> {
                checkCertificate(device, certificate.chain());
                yield device.authentication().type();
            }
            case DeviceCredentials.None none -> throw HubException.unauthorized(
                    "no Authorization header and no client certificate: device '" + device.deviceId() + "' must present "
                            + (device.authentication() instanceof HubAuthentication.Sas
                            ? "a SAS token signed with its key" : "its X.509 certificate in the TLS handshake"));
        };
    }

    private void checkToken(HubDevice device, Optional<String> moduleId, SasToken token, Set<String> hostNames) {
        String resource = token.decodedResourceUri();
        int slash = resource.indexOf('/');
        String host = slash < 0 ? resource : resource.substring(0, slash);
        String path = slash < 0 ? "" : resource.substring(slash);
        String expectedPath = "/devices/" + device.deviceId() + moduleId.map(module -> "/modules/" + module).orElse("");
        if (!hostNames.contains(host.toLowerCase(Locale.ROOT))) {
            throw HubException.unauthorized("the token's resource '" + resource + "' is not this hub: a device token's sr is '"
                    + hostNames.stream().sorted().findFirst().orElse("{hub host}") + expectedPath + "'"
                    + (path.contains("/registrations/") ? " (this is a DPS token; it is good for registration only)" : ""));
        }
        if (!path.equals(expectedPath)) {
            throw HubException.unauthorized("the token is for '" + resource + "', not for device '" + device.deviceId()
                    + "': its sr must be '" + host + expectedPath + "'");
        }
        if (token.keyName().filter(name -> !name.isEmpty()).isPresent()) {
            throw HubException.unauthorized("the token names the shared access policy '" + token.keyName().get()
                    + "'; the simulated hub has no policies: sign a device token (no skn) with the device's key");
        }
        Instant now = clock.instant();
        if (!token.expiresAt().isAfter(now)) {
            throw HubException.unauthorized("the token expired at " + token.expiresAt() + " (se=" + token.expiry()
                    + "); it is now " + now + ": renew the token");
        }
        if (!(device.authentication() instanceof HubAuthentication.Sas keys)) {
            throw HubException.unauthorized("device '" + device.deviceId() + "' authenticates with X.509 ("
                    + device.authentication().type() + "); present its certificate instead of a SAS token");
        }
        if (!token.isSignedWith(keys.primaryKey()) && !token.isSignedWith(keys.secondaryKey())) {
            throw HubException.unauthorized("the token's signature matches neither key of device '" + device.deviceId()
                    + "': sign '" + token.resourceUri() + "\\n" + token.expiry() + "' with the key DPS assigned"
                    + " (for a group enrollment, the key derived from the group key and the registration id)");
        }
    }

    private void checkCertificate(HubDevice device, List<X509Certificate> chain) {
        X509Certificate leaf = chain.getFirst();
        switch (device.authentication()) {
            case HubAuthentication.Sas sas -> throw HubException.unauthorized("device '" + device.deviceId()
                    + "' authenticates with symmetric keys; send a SAS token in the Authorization header");
            case HubAuthentication.SelfSigned thumbprints -> {
                String thumbprint = Certificates.sha1Thumbprint(leaf);
                boolean known = thumbprint.equalsIgnoreCase(thumbprints.primaryThumbprint())
                        || thumbprints.secondaryThumbprint().filter(thumbprint::equalsIgnoreCase).isPresent();
                if (!known) {
                    throw HubException.unauthorized("Thumbprint does not match configuration: the client certificate "
                            + Certificates.describe(leaf) + " (SHA-1 " + thumbprint + ") is not the primary ("
                            + thumbprints.primaryThumbprint() + ")" + thumbprints.secondaryThumbprint().map(t -> " or secondary (" + t + ")").orElse("")
                            + " certificate of device '" + device.deviceId() + "'");
                }
                checkValidity(leaf);
            }
            case HubAuthentication.CertificateAuthority ca -> {
                String commonName = Certificates.commonName(leaf).orElse("");
                if (!commonName.equals(device.deviceId())) {
                    throw HubException.unauthorized("the client certificate's CN '" + commonName + "' is not the device id '"
                            + device.deviceId() + "' (CA-authenticated devices are named by their certificate)");
                }
                // As DPS checks at registration: a certificate whose extended key usage leaves out clientAuth is no device's.
                ChainVerdict verdict = ChainValidator.trusting(List.of(ca.caCertificate())).withClock(clock).requiringClientAuth()
                        .validate(chain);
                if (verdict instanceof ChainVerdict.Rejected rejected) {
                    throw HubException.unauthorized("the client certificate does not chain to the CA of device '"
                            + device.deviceId() + "' (" + Certificates.describe(ca.caCertificate()) + "): " + rejected.detail());
                }
            }
        }
    }

    private void checkValidity(X509Certificate leaf) {
        Instant now = clock.instant();
        if (now.isAfter(leaf.getNotAfter().toInstant()) || now.isBefore(leaf.getNotBefore().toInstant())) {
            throw HubException.unauthorized("the client certificate " + Certificates.describe(leaf) + " is valid from "
                    + leaf.getNotBefore().toInstant() + " to " + leaf.getNotAfter().toInstant() + ", not now (" + now + ")");
        }
    }
}
