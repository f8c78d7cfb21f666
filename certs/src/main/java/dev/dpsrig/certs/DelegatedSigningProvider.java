package dev.dpsrig.certs;

import java.security.Provider;
import java.security.Security;
import java.util.List;
import java.util.Map;

/**
 * The security provider that signs with {@link DelegatedKey}s. It claims only that key class, so
 * the JDK's delayed provider selection keeps using its own providers for every other key, and
 * reaches this one, placed last, for delegated keys alone.
 */
final class DelegatedSigningProvider extends Provider {
    private static final long serialVersionUID = 1L;
    static final String NAME = "DpsrigDelegatedSigning";

    /** JSSE asks for these under TLS 1.2 and 1.3 with EC and RSA client keys; certificate checks ask for the first ones. */
    static final List<String> ALGORITHMS = List.of(
            "SHA256withECDSA", "SHA384withECDSA", "SHA512withECDSA",
            "SHA256withRSA", "SHA384withRSA", "SHA512withRSA",
            DelegatedSignature.RSASSA_PSS);

    private DelegatedSigningProvider() {
        super(NAME, "1.0", "signatures made by a DelegatedSigner, for DelegatedKey only");
        Map<String, String> attributes = Map.of("SupportedKeyClasses", DelegatedKey.class.getName());
        for (String algorithm : ALGORITHMS) {
            putService(new SignatureService(this, algorithm, attributes));
        }
    }

    static void ensureRegistered() {
        Registration.DONE.hashCode();
    }

    /** Class initialisation runs once, whichever thread first creates a delegated key. */
    private static final class Registration {
        static final Boolean DONE = Security.getProvider(NAME) != null
                || Security.addProvider(new DelegatedSigningProvider()) > 0;
    }

    private static final class SignatureService extends Service {
        SignatureService(Provider provider, String algorithm, Map<String, String> attributes) {
            super(provider, "Signature", algorithm, DelegatedSignature.class.getName(), List.of(), attributes);
        }

        @Override
        public Object newInstance(Object constructorParameter) {
            return new DelegatedSignature(getAlgorithm());
        }
    }
}
