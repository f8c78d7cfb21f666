package dev.dpsrig.simulator.dps;

import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * A CA certificate uploaded to the service. Only a verified one (on upload, or by proof of
 * possession of its key) can end a device's chain.
 *
 * @param verificationCode the code a proof-of-possession certificate must carry as its CN, once generated
 */
public record CaCertificate(String name, X509Certificate certificate, boolean verified,
                            Optional<String> verificationCode, Revision revision) {
}
