package dev.dpsrig.hil.tethered;

import dev.dpsrig.certs.Certificates;
import dev.dpsrig.certs.DelegatedKey;
import dev.dpsrig.certs.HeldCertificate;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * A tethered board's identity as the rig can use it: what HELLO and CHAIN told, with every
 * signature still made by the board. An X.509 identity is a {@link HeldCertificate} whose key is a
 * {@link DelegatedKey} calling SIGN, so it goes wherever a device's TLS identity goes.
 */
public sealed interface TetheredIdentity {

    String registrationId();

    /** Asks the board who it is; for X.509 also fetches its chain and has it sign once to prove it holds the key. */
    static TetheredIdentity ask(TetheredLink link) {
        Hello hello = link.hello();
        return switch (hello.attestation()) {
            case SYMMETRIC_KEY -> new SymmetricKey(hello.registrationId(), link);
            case X509 -> X509.of(hello.registrationId(), link);
            case TPM -> throw new IllegalStateException("HELLO never yields a TPM board: the protocol has no TPM commands");
        };
    }

    /** A symmetric key the board keeps: SAS signatures come from SIGN-SAS. */
    record SymmetricKey(String registrationId, TetheredLink link) implements TetheredIdentity {
        /** base64 HMAC-SHA256 of {@code stringToSign}, made by the board. */
        public String signSas(String stringToSign) {
            return link.signSas(stringToSign);
        }
    }

    record X509(String registrationId, HeldCertificate identity) implements TetheredIdentity {
        static X509 of(String registrationId, TetheredLink link) {
            List<X509Certificate> chain = link.chain();
            X509Certificate leaf = chain.getFirst();
            String commonName = Certificates.commonName(leaf).orElse("");
            if (!commonName.equals(registrationId)) {
                throw refusal(Command.CHAIN, "board " + link.board() + " says it is '" + registrationId
                        + "' but its certificate's CN is '" + commonName + "'");
            }
            proveItHoldsTheKey(leaf, link);
            return new X509(registrationId, HeldCertificate.of(chain, DelegatedKey.forCertificate(leaf, link::signMessage)));
        }

        /**
         * Has the board sign a probe, verified against its certificate, so a board with the wrong key
         * fails here with its SIGN exchange as evidence, not later inside a TLS handshake.
         */
        private static void proveItHoldsTheKey(X509Certificate leaf, TetheredLink link) {
            String algorithm = leaf.getPublicKey().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            byte[] probe = ("possession probe for " + leaf.getSubjectX500Principal().getName()).getBytes(StandardCharsets.UTF_8);
            byte[] signature = link.signMessage(algorithm, probe);
            boolean verified;
            try {
                Signature verifier = Signature.getInstance(algorithm);
                verifier.initVerify(leaf.getPublicKey());
                verifier.update(probe);
                verified = verifier.verify(signature);
            } catch (GeneralSecurityException e) {
                verified = false;
            }
            if (!verified) {
                throw refusal(Command.SIGN, "board " + link.board() + "'s " + algorithm
                        + " signature does not verify with its certificate's public key: it holds another key");
            }
        }

        private static TetheredException refusal(Command command, String reason) {
            return new TetheredException(command, 0, 1, Optional.empty(), List.of(), reason);
        }
    }
}
