package dev.dpsrig.simulator.dps;

import dev.dpsrig.certs.Certificates;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * A device identity in a simulated hub's registry, created or updated by DPS on assignment.
 *
 * @param authentication how the hub will authenticate the device
 */
public record HubDevice(
        String deviceId,
        String registrationId,
        HubAuthentication authentication,
        boolean enabled,
        boolean iotEdge,
        Optional<RawJson> initialTwin,
        Revision revision) {

    /** The three ways IoT Hub authenticates a device. */
    public sealed interface HubAuthentication {
        String type();

        record Sas(String primaryKey, String secondaryKey) implements HubAuthentication {
            @Override
            public String type() {
                return "sas";
            }
        }

        /** Individual X.509: the hub knows the device certificate's thumbprints. */
        record SelfSigned(String primaryThumbprint, Optional<String> secondaryThumbprint) implements HubAuthentication {
            @Override
            public String type() {
                return "selfSigned";
            }
        }

        /**
         * Group X.509: any certificate whose CN is the device id and that chains to the CA certificate
         * the group attested with. IoT Hub needs that CA uploaded to the hub; the simulated hub takes it
         * from DPS, which has already verified it.
         */
        record CertificateAuthority(X509Certificate caCertificate) implements HubAuthentication {
            @Override
            public String type() {
                return "certificateAuthority";
            }

            public String caThumbprint() {
                return Certificates.sha1Thumbprint(caCertificate);
            }
        }
    }
}
