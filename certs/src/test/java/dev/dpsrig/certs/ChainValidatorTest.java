package dev.dpsrig.certs;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainValidatorTest {
    private static final Instant NOW = Instant.now();

    private final HeldCertificate root = ca("test root").certificateAuthority().build();
    private final HeldCertificate intermediate = ca("test intermediate").certificateAuthority(0).signedBy(root).build();
    private final HeldCertificate device = device("device-01").signedBy(intermediate).build();

    @Test
    void fullChainToTrustedRootIsTrusted() {
        ChainVerdict verdict = ChainValidator.trusting(List.of(root.certificate())).requiringClientAuth()
                .validate(device.fullChain());

        assertThat(verdict).isInstanceOfSatisfying(ChainVerdict.Trusted.class, trusted -> {
            assertThat(trusted.path()).containsExactly(device.certificate(), intermediate.certificate());
            assertThat(trusted.anchor()).isEqualTo(root.certificate());
        });
    }

    @Test
    void verifiedIntermediateIsEnoughWithoutTheRoot() {
        ChainVerdict verdict = ChainValidator.trusting(List.of(intermediate.certificate()))
                .validate(List.of(device.certificate()));

        assertThat(verdict.trusted()).isTrue();
    }

    @Test
    void selfSignedLeafTrustedAsItself() {
        HeldCertificate selfSigned = device("my-x509-device").build();

        ChainVerdict verdict = ChainValidator.trusting(List.of(selfSigned.certificate())).requiringClientAuth()
                .validate(selfSigned.fullChain());

        assertThat(verdict).isInstanceOfSatisfying(ChainVerdict.Trusted.class,
                trusted -> assertThat(trusted.anchor()).isEqualTo(selfSigned.certificate()));
    }

    @Test
    void nothingPresented() {
        assertRejected(ChainValidator.trusting(List.of(root.certificate())).validate(List.of()),
                ChainProblem.NO_CERTIFICATE);
    }

    @Test
    void expiredLeaf() {
        HeldCertificate expired = device("old-device")
                .validity(NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(1)))
                .signedBy(intermediate).build();

        ChainVerdict verdict = ChainValidator.trusting(List.of(root.certificate())).validate(expired.fullChain());

        assertRejected(verdict, ChainProblem.EXPIRED);
        assertThat(((ChainVerdict.Rejected) verdict).detail()).contains("CN=old-device", "expired at");
    }

    @Test
    void notYetValidLeaf() {
        HeldCertificate future = device("future-device")
                .validity(NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(10)))
                .signedBy(intermediate).build();

        assertRejected(ChainValidator.trusting(List.of(root.certificate())).validate(future.fullChain()),
                ChainProblem.NOT_YET_VALID);
    }

    @Test
    void expiredIntermediateIsFoundOnTheWayUp() {
        HeldCertificate oldIntermediate = ca("expired intermediate").certificateAuthority(0)
                .validity(NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1)))
                .signedBy(root).build();
        HeldCertificate leaf = device("device-02").signedBy(oldIntermediate).build();

        ChainVerdict verdict = ChainValidator.trusting(List.of(root.certificate())).validate(leaf.fullChain());

        assertRejected(verdict, ChainProblem.EXPIRED);
        assertThat(((ChainVerdict.Rejected) verdict).certificate()).contains(oldIntermediate.certificate());
    }

    @Test
    void untrustedRoot() {
        HeldCertificate otherRoot = ca("other root").certificateAuthority().build();

        ChainVerdict verdict = ChainValidator.trusting(List.of(otherRoot.certificate())).validate(device.fullChain());

        assertRejected(verdict, ChainProblem.UNTRUSTED_ROOT);
        assertThat(((ChainVerdict.Rejected) verdict).certificate()).contains(root.certificate());
    }

    @Test
    void missingIntermediate() {
        ChainVerdict verdict = ChainValidator.trusting(List.of(root.certificate()))
                .validate(List.of(device.certificate()));

        assertRejected(verdict, ChainProblem.MISSING_INTERMEDIATE);
        assertThat(((ChainVerdict.Rejected) verdict).detail()).contains("CN=test intermediate");
    }

    @Test
    void issuerNotCa() {
        HeldCertificate notCa = device("not-a-ca").signedBy(root).build();
        HeldCertificate leaf = device("device-03").signedBy(notCa).build();

        ChainVerdict verdict = ChainValidator.trusting(List.of(root.certificate())).validate(leaf.fullChain());

        assertRejected(verdict, ChainProblem.ISSUER_NOT_CA);
        assertThat(((ChainVerdict.Rejected) verdict).certificate()).contains(notCa.certificate());
    }

    @Test
    void pathLengthExceeded() {
        HeldCertificate strictRoot = ca("strict root").certificateAuthority(0).build();
        HeldCertificate sub = ca("sub ca").certificateAuthority(0).signedBy(strictRoot).build();
        HeldCertificate leaf = device("device-04").signedBy(sub).build();

        ChainVerdict verdict = ChainValidator.trusting(List.of(strictRoot.certificate())).validate(leaf.fullChain());

        assertRejected(verdict, ChainProblem.PATH_LENGTH_EXCEEDED);
        assertThat(((ChainVerdict.Rejected) verdict).certificate()).contains(strictRoot.certificate());
    }

    @Test
    void pathLengthOneAllowsOneIntermediate() {
        HeldCertificate root1 = ca("root pathlen 1").certificateAuthority(1).build();
        HeldCertificate sub = ca("sub ca").certificateAuthority(0).signedBy(root1).build();
        HeldCertificate leaf = device("device-05").signedBy(sub).build();

        assertThat(ChainValidator.trusting(List.of(root1.certificate())).validate(leaf.fullChain()).trusted()).isTrue();
    }

    @Test
    void leafWithoutClientAuth() {
        HeldCertificate server = HeldCertificate.builder().commonName("server").serverAuth().signedBy(intermediate).build();
        ChainValidator validator = ChainValidator.trusting(List.of(root.certificate()));

        assertRejected(validator.requiringClientAuth().validate(server.fullChain()), ChainProblem.NO_CLIENT_AUTH);
        assertThat(validator.validate(server.fullChain()).trusted()).isTrue();
    }

    @Test
    void forgedSignature() {
        HeldCertificate impostor = ca("test intermediate").certificateAuthority(0).signedBy(root).build();
        HeldCertificate leaf = device("device-06").signedBy(impostor).build();

        ChainVerdict verdict = ChainValidator.trusting(List.of(root.certificate()))
                .validate(List.of(leaf.certificate(), intermediate.certificate()));

        assertRejected(verdict, ChainProblem.BAD_SIGNATURE);
    }

    @Test
    void chainOrderBeyondTheLeafDoesNotMatter() {
        List<X509Certificate> shuffled = List.of(device.certificate(), root.certificate(), intermediate.certificate());

        assertThat(ChainValidator.trusting(List.of(root.certificate())).validate(shuffled).trusted()).isTrue();
    }

    private static void assertRejected(ChainVerdict verdict, ChainProblem problem) {
        assertThat(verdict).isInstanceOfSatisfying(ChainVerdict.Rejected.class,
                rejected -> assertThat(rejected.problem()).as(rejected.detail()).isEqualTo(problem));
    }

    private static HeldCertificate.Builder ca(String name) {
        return HeldCertificate.builder().commonName(name);
    }

    private static HeldCertificate.Builder device(String registrationId) {
        return HeldCertificate.builder().commonName(registrationId).clientAuth();
    }
}
