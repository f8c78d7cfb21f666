package dev.dpsrig.certs.internal;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The BouncyCastle provider, used by explicit reference only. It is never installed in the JVM's
 * provider list, so nothing outside this package changes behaviour because dpsrig is on the
 * class path.
 */
final class Bc {
    static final Provider PROVIDER = new BouncyCastleProvider();

    private Bc() {
    }
}
