package dev.dpsrig.simulator.dps;

import dev.dpsrig.protocol.SasToken;
import java.security.cert.X509Certificate;
import java.util.List;

/** What a device presented to prove who it is: a SAS token, a client certificate chain, or nothing. */
public sealed interface DeviceCredentials {

    record Sas(SasToken token) implements DeviceCredentials {
    }

    /** @param chain as sent in the TLS handshake, leaf first */
    record ClientCertificate(List<X509Certificate> chain) implements DeviceCredentials {
        public ClientCertificate {
            chain = List.copyOf(chain);
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("a client certificate chain has at least the leaf");
            }
        }
    }

    record None() implements DeviceCredentials {
    }
}
