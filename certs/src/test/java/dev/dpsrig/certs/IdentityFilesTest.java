package dev.dpsrig.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IdentityFilesTest {
    private static final char[] PASSPHRASE = "1234".toCharArray();

    @TempDir
    Path dir;

    private final HeldCertificate root = HeldCertificate.builder().commonName("root").certificateAuthority().build();
    private final HeldCertificate device = HeldCertificate.builder().commonName("device-01").clientAuth().signedBy(root).build();

    @Test
    void chainRoundTripsInOrder() {
        Path file = dir.resolve("device-01-full-chain.cert.pem");

        IdentityFiles.writeCertificates(file, device.fullChain());

        assertThat(IdentityFiles.readCertificates(file)).containsExactly(device.certificate(), root.certificate());
    }

    @Test
    void derCertificateIsReadToo() {
        Path file = dir.resolve("device.cer");

        IdentityFiles.writeDer(file, device.certificate());

        assertThat(IdentityFiles.readCertificates(file)).containsExactly(device.certificate());
    }

    @Test
    void plainKeyIsOwnerOnlyPkcs8() throws Exception {
        Path file = dir.resolve("device.key.pem");

        IdentityFiles.writePrivateKey(file, device.privateKey());

        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(IdentityFiles.readPrivateKey(file)).isEqualTo(device.privateKey());
    }

    @ParameterizedTest
    @EnumSource(KeyEncryption.class)
    void encryptedKeyRoundTripsAndRefusesWrongPassphrase(KeyEncryption form) throws Exception {
        Path file = dir.resolve("device-key.pem");

        IdentityFiles.writePrivateKey(file, device.privateKey(), PASSPHRASE, form);

        assertThat(Files.readString(file)).contains(form == KeyEncryption.PKCS8 ? "ENCRYPTED PRIVATE KEY" : "Proc-Type: 4,ENCRYPTED");
        assertThat(Certificates.keyMatches(device.certificate(), IdentityFiles.readPrivateKey(file, PASSPHRASE))).isTrue();
        assertThatThrownBy(() -> IdentityFiles.readPrivateKey(file, "4321".toCharArray()))
                .isInstanceOf(IdentityException.class)
                .hasMessage(file + ": wrong pass phrase for the encrypted private key");
        assertThatThrownBy(() -> IdentityFiles.readPrivateKey(file))
                .isInstanceOf(IdentityException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("encrypted");
    }

    @Test
    void rsaKeyInLegacyForm() {
        HeldCertificate rsa = HeldCertificate.builder().commonName("rsa").keyType(KeyType.RSA_2048).build();
        Path file = dir.resolve("rsa.key.pem");

        IdentityFiles.writePrivateKey(file, rsa.privateKey(), PASSPHRASE, KeyEncryption.LEGACY_PEM);

        assertThat(IdentityFiles.readPrivateKey(file, PASSPHRASE)).isEqualTo(rsa.privateKey());
    }

    @Test
    void heldCertificateFromFilesChecksTheKey() {
        Path certificate = dir.resolve("device.cert.pem");
        Path key = dir.resolve("device.key.pem");
        Path otherKey = dir.resolve("other.key.pem");
        IdentityFiles.writeCertificates(certificate, device.fullChain());
        IdentityFiles.writePrivateKey(key, device.privateKey());
        IdentityFiles.writePrivateKey(otherKey, root.privateKey());

        assertThat(IdentityFiles.readHeldCertificate(certificate, key, Optional.empty()).fullChain())
                .isEqualTo(device.fullChain());
        assertThatThrownBy(() -> IdentityFiles.readHeldCertificate(certificate, otherKey, Optional.empty()))
                .isInstanceOf(IdentityException.class)
                .hasMessageStartingWith(otherKey + ": private key does not match the certificate in " + certificate);
    }

    @Test
    void combinedPemHoldsKeyAndCertificate() throws Exception {
        Path combined = dir.resolve("combined.pem");
        Files.writeString(combined, device.privateKeyPem() + device.fullChainPem());

        HeldCertificate held = IdentityFiles.readHeldCertificate(combined, combined, Optional.empty());

        assertThat(held.certificate()).isEqualTo(device.certificate());
    }

    @Test
    void pkcs12RoundTripsWithChainAndRefusesWrongPassword() {
        Path file = dir.resolve("device.pfx");

        IdentityFiles.writePkcs12(file, device, "secret".toCharArray());

        HeldCertificate read = IdentityFiles.readPkcs12(file, "secret".toCharArray());
        assertThat(read.fullChain()).isEqualTo(device.fullChain());
        assertThat(read.privateKey()).isEqualTo(device.privateKey());
        assertThatThrownBy(() -> IdentityFiles.readPkcs12(file, "guess".toCharArray()))
                .isInstanceOf(IdentityException.class)
                .hasMessage(file + ": wrong password for the PKCS#12 file");
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nope.pem");

        assertThatThrownBy(() -> IdentityFiles.readCertificates(missing))
                .isInstanceOf(IdentityException.class)
                .hasMessage(missing + ": no such file");
    }

    @Test
    void corruptPemIsNamed() throws Exception {
        Path corrupt = dir.resolve("corrupt.pem");
        Files.writeString(corrupt, "-----BEGIN CERTIFICATE-----\nnot base64 at all!!\n-----END CERTIFICATE-----\n");

        assertThatThrownBy(() -> IdentityFiles.readCertificates(corrupt))
                .isInstanceOf(IdentityException.class)
                .hasMessageStartingWith(corrupt + ": corrupt PEM certificate");
    }

    @Test
    void keyFileGivenWhereCertificateExpected() {
        Path key = dir.resolve("device.key.pem");
        IdentityFiles.writePrivateKey(key, device.privateKey());

        assertThatThrownBy(() -> IdentityFiles.readCertificates(key))
                .isInstanceOf(IdentityException.class)
                .hasMessage(key + ": no certificate in file (it holds a private key)");
    }

    @Test
    void certificateGivenWhereKeyExpected() {
        Path certificate = dir.resolve("device.cert.pem");
        IdentityFiles.writeCertificates(certificate, List.of(device.certificate()));

        assertThatThrownBy(() -> IdentityFiles.readPrivateKey(certificate))
                .isInstanceOf(IdentityException.class)
                .hasMessage(certificate + ": no private key in file (it holds a certificate)");
    }

    @Test
    void garbageIsNeitherPemNorDer() throws Exception {
        Path garbage = dir.resolve("garbage.bin");
        Files.write(garbage, "hello".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> IdentityFiles.readCertificates(garbage)).hasMessage(garbage + ": not a PEM or DER certificate");
        assertThatThrownBy(() -> IdentityFiles.readPrivateKey(garbage)).hasMessage(garbage + ": not a PEM or DER private key");
        assertThatThrownBy(() -> IdentityFiles.readPkcs12(garbage, "x".toCharArray()))
                .hasMessageStartingWith(garbage + ": not a PKCS#12/PFX file");
    }

    @Test
    void overwritingReplacesWholeFileAndLeavesNoTemporaries() throws Exception {
        Path file = dir.resolve("chain.pem");
        IdentityFiles.writeCertificates(file, device.fullChain());

        IdentityFiles.writeCertificates(file, List.of(root.certificate()));

        assertThat(IdentityFiles.readCertificates(file)).containsExactly(root.certificate());
        try (var entries = Files.list(dir)) {
            assertThat(entries).containsExactly(file);
        }
    }
}
