package dev.dpsrig.app.archfixture;

import dev.dpsrig.certs.internal.PemCodec;
import java.security.cert.X509Certificate;
import java.util.List;

/** Breaks the module-internals rule on purpose: features code using the certs module's internal package. */
public final class ReachesIntoCertsInternal {
    String pem(List<X509Certificate> certificates) {
        return PemCodec.certificatesToPem(certificates);
    }
}
