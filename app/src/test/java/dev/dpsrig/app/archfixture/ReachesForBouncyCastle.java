package dev.dpsrig.app.archfixture;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** Breaks the BouncyCastle rule on purpose: crypto provider code outside dev.dpsrig.certs.internal. */
public final class ReachesForBouncyCastle {
    Provider provider() {
        return new BouncyCastleProvider();
    }
}
