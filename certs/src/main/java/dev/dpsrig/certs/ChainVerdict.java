package dev.dpsrig.certs;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/** The outcome of validating a presented chain: trusted with its path, or rejected with the reason. */
public sealed interface ChainVerdict {

    boolean trusted();

    /**
     * @param path   the validated path, leaf first, ending with the certificate the anchor vouched for
     * @param anchor the trust anchor that ended the path (possibly the last certificate of the path itself)
     */
    record Trusted(List<X509Certificate> path, X509Certificate anchor) implements ChainVerdict {
        public Trusted {
            path = List.copyOf(path);
        }

        @Override
        public boolean trusted() {
            return true;
        }
    }

    /**
     * @param problem     why the chain is rejected
     * @param certificate the certificate the problem was found at (empty when nothing was presented)
     * @param detail      a sentence naming the certificate and what exactly was wrong
     */
    record Rejected(ChainProblem problem, Optional<X509Certificate> certificate, String detail) implements ChainVerdict {
        @Override
        public boolean trusted() {
            return false;
        }

        @Override
        public String toString() {
            return problem + ": " + detail;
        }
    }
}
