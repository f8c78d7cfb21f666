package dev.dpsrig.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DelegatedKeyTest {
    private static final HeldCertificate EC = HeldCertificate.builder().commonName("ec-board").build();
    private static final HeldCertificate RSA = HeldCertificate.builder().commonName("rsa-board").keyType(KeyType.RSA_2048).build();
    private static final byte[] MESSAGE = "sign me".getBytes(StandardCharsets.UTF_8);

    @Test
    void jcaSignatureOverADelegatedEcKeyCallsTheSignerAndVerifiesWithThePublicKey() throws Exception {
        List<String> asked = new ArrayList<>();
        DelegatedKey key = DelegatedKey.forCertificate(EC.certificate(), (algorithm, data) -> {
            asked.add(algorithm + ":" + new String(data, StandardCharsets.UTF_8));
            return DelegatedKeyTlsIT.signWithRealKey(EC, algorithm, data);
        });

        Signature signer = Signature.getInstance("SHA384withECDSA");
        signer.initSign(key);
        signer.update(MESSAGE);
        byte[] signature = signer.sign();

        assertThat(signer.getProvider().getName()).isEqualTo(DelegatedSigningProvider.NAME);
        assertThat(asked).containsExactly("SHA384withECDSA:sign me");
        Signature verifier = Signature.getInstance("SHA384withECDSA");
        verifier.initVerify(EC.certificate());
        verifier.update(MESSAGE);
        assertThat(verifier.verify(signature)).isTrue();
        assertThat(key.getAlgorithm()).isEqualTo("EC");
        assertThat(key).hasToString("DelegatedKey[EC P-256]");
    }

    @Test
    void pssParametersBecomeTheSignersAlgorithmName() throws Exception {
        List<String> asked = new ArrayList<>();
        DelegatedKey key = DelegatedKey.forCertificate(RSA.certificate(), (algorithm, data) -> {
            asked.add(algorithm);
            return DelegatedKeyTlsIT.signWithRealKey(RSA, algorithm, data);
        });
        PSSParameterSpec sha512 = new PSSParameterSpec("SHA-512", "MGF1", MGF1ParameterSpec.SHA512, 64, 1);

        Signature signer = Signature.getInstance("RSASSA-PSS");
        signer.initSign(key); // before setParameter, which would pick a provider that cannot take the key
        signer.setParameter(sha512);
        signer.update(MESSAGE);
        byte[] signature = signer.sign();

        assertThat(asked).containsExactly("RSASSA-PSS-SHA512");
        Signature verifier = Signature.getInstance("RSASSA-PSS");
        verifier.setParameter(sha512);
        verifier.initVerify(RSA.certificate());
        verifier.update(MESSAGE);
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void pssWithAnOddSaltLengthIsRefused() throws Exception {
        DelegatedSignature signature = new DelegatedSignature("RSASSA-PSS");

        assertThatThrownBy(() -> signature.engineSetParameter(
                new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 20, 1)))
                .isInstanceOf(InvalidAlgorithmParameterException.class)
                .hasMessageContaining("salt as long as the hash");
    }

    @Test
    void heldCertificateRefusesASignerWhoseKeyIsNotTheCertificates() {
        HeldCertificate other = HeldCertificate.builder().commonName("other").build();
        DelegatedKey key = DelegatedKey.forCertificate(EC.certificate(),
                (algorithm, data) -> DelegatedKeyTlsIT.signWithRealKey(other, algorithm, data));

        assertThatThrownBy(() -> HeldCertificate.of(List.of(EC.certificate()), key))
                .isInstanceOf(IdentityException.class)
                .hasMessageContaining("does not match");
    }

    @Test
    void aFailingSignerSurfacesAsSignatureExceptionWithItsMessage() throws Exception {
        DelegatedKey key = DelegatedKey.forCertificate(EC.certificate(), (algorithm, data) -> {
            throw new IllegalStateException("board did not answer SIGN");
        });
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(MESSAGE);

        assertThatThrownBy(signer::sign).isInstanceOf(SignatureException.class)
                .hasMessageContaining("board did not answer SIGN");
    }

    @Test
    void anRsaAlgorithmRefusesADelegatedEcKeyAndTheJdkStillSignsWithOrdinaryKeys() throws Exception {
        DelegatedKey key = DelegatedKey.forCertificate(EC.certificate(), (algorithm, data) -> new byte[0]);

        assertThatThrownBy(() -> Signature.getInstance("SHA256withRSA").initSign(key)).isInstanceOf(InvalidKeyException.class);
        Signature ordinary = Signature.getInstance("SHA256withECDSA");
        ordinary.initSign(EC.privateKey());
        ordinary.update(MESSAGE);
        ordinary.sign();
        assertThat(ordinary.getProvider().getName()).isNotEqualTo(DelegatedSigningProvider.NAME);
    }
}
