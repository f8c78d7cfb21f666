package dev.dpsrig.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldCertificateTest {
    private final HeldCertificate root = HeldCertificate.builder().commonName("root").certificateAuthority().build();
    private final HeldCertificate intermediate = HeldCertificate.builder()
            .commonName("intermediate").certificateAuthority(0).signedBy(root).build();

    @Test
    void deviceCertificateCarriesRegistrationIdAndClientAuth() {
        HeldCertificate device = HeldCertificate.builder().commonName("device-01").clientAuth().signedBy(intermediate).build();
        CertificateDetails details = CertificateDetails.of(device.certificate());

        assertThat(device.commonName()).isEqualTo("device-01");
        assertThat(details.extendedKeyUsages()).containsExactly("clientAuth");
        assertThat(details.certificateAuthority()).isFalse();
        assertThat(details.keyType()).isEqualTo("EC P-256");
        assertThat(device.certificate().getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(device.fullChain()).containsExactly(device.certificate(), intermediate.certificate(), root.certificate());
        assertThat(Certificates.isSignedBy(device.certificate(), intermediate.certificate())).isTrue();
    }

    @Test
    void intermediateIsCaWithPathLengthAndKeyCertSign() {
        X509Certificate certificate = intermediate.certificate();

        assertThat(certificate.getBasicConstraints()).isZero();
        assertThat(certificate.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(root.certificate().getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void serverCertificateHasDnsAndIpAlternativeNames() {
        HeldCertificate server = HeldCertificate.builder().commonName("localhost").serverAuth()
                .subjectAlternativeName("localhost").subjectAlternativeName("127.0.0.1").subjectAlternativeName("::1")
                .subjectAlternativeName("global.azure-devices-provisioning.net")
                .signedBy(root).build();

        assertThat(CertificateDetails.of(server.certificate()).subjectAlternativeNames()).containsExactly(
                "DNS:localhost", "IP:127.0.0.1", "IP:0:0:0:0:0:0:0:1", "DNS:global.azure-devices-provisioning.net");
        assertThat(CertificateDetails.of(server.certificate()).extendedKeyUsages()).containsExactly("serverAuth");
    }

    @Test
    void rsaKeysOnRequest() {
        HeldCertificate rsa = HeldCertificate.builder().commonName("rsa-device").keyType(KeyType.RSA_2048).build();

        assertThat(KeyType.describe(rsa.certificate().getPublicKey())).isEqualTo("RSA 2048");
        assertThat(rsa.certificate().getSigAlgName()).isEqualTo("SHA256withRSA");
    }

    @Test
    void explicitValidityAndSerial() {
        Instant from = Instant.parse("2020-01-01T00:00:00Z");
        Instant until = Instant.parse("2020-01-02T00:00:00Z");

        HeldCertificate expired = HeldCertificate.builder().commonName("old")
                .validity(from, until).serialNumber(BigInteger.valueOf(42)).build();

        assertThat(expired.certificate().getNotBefore().toInstant()).isEqualTo(from);
        assertThat(expired.certificate().getNotAfter().toInstant()).isEqualTo(until);
        assertThat(expired.certificate().getSerialNumber()).isEqualTo(42);
    }

    @Test
    void commonNameIsTakenLiterallyEvenWithDnSyntax() {
        HeldCertificate odd = HeldCertificate.builder().commonName("a,b=c+d").build();

        assertThat(odd.commonName()).isEqualTo("a,b=c+d");
    }

    @Test
    void sameKeyAndContentGiveTheSameCertificateBytes() {
        Instant from = Instant.parse("2025-01-01T00:00:00Z");
        HeldCertificate first = HeldCertificate.builder().commonName("twin").validity(from, from.plusSeconds(3600))
                .serialNumber(BigInteger.TEN).signedBy(root).build();
        HeldCertificate second = HeldCertificate.builder().commonName("twin").validity(from, from.plusSeconds(3600))
                .serialNumber(BigInteger.TEN).keyPair(first.keyPair()).signedBy(root).build();

        assertThat(second.certificate()).isEqualTo(first.certificate());
    }

    @Test
    void ofRefusesAKeyThatDoesNotMatch() {
        HeldCertificate other = HeldCertificate.builder().commonName("other").build();

        assertThatThrownBy(() -> HeldCertificate.of(List.of(root.certificate()), other.privateKey()))
                .isInstanceOf(IdentityException.class)
                .hasMessageContaining("does not match").hasMessageContaining("CN=root");
    }

    @Test
    void builderNeedsASubject() {
        assertThatThrownBy(() -> HeldCertificate.builder().build()).hasMessageContaining("commonName");
    }

    @Test
    void pemOfTheFullChainIsLeafFirst() {
        HeldCertificate device = HeldCertificate.builder().commonName("device-01").clientAuth().signedBy(intermediate).build();

        String pem = device.fullChainPem();

        assertThat(pem.split("-----BEGIN CERTIFICATE-----", -1)).hasSize(4);
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(device.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
    }
}
