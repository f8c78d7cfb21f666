package dev.dpsrig.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves interop with the real {@code openssl} CLI both ways: openssl verifies and reads the chains,
 * keys and PFX files dpsrig writes, and dpsrig reads what openssl writes, starting with the exact
 * command of the DPS X.509 walkthrough.
 */
class OpensslInteropIT {
    private static final long TIMEOUT_SECONDS = 120;
    private static final char[] PASSPHRASE = "1234".toCharArray();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"EC_P256", "RSA_2048"})
    void opensslVerifiesOurRootIntermediateDeviceChain(KeyType keyType) {
        Chain chain = Chain.of(keyType);
        Path root = writeCertificate("root.pem", chain.root());
        Path intermediate = writeCertificate("intermediate.pem", chain.intermediate());
        Path leaf = writeCertificate("leaf.pem", chain.leaf());

        assertThat(openssl("verify", "-CAfile", root, "-untrusted", intermediate, leaf).stdout())
                .isEqualToIgnoringNewLines(leaf + ": OK");
        assertThat(openssl("verify", "-purpose", "sslclient", "-CAfile", root, "-untrusted", intermediate, leaf)
                .stdout())
                .isEqualToIgnoringNewLines(leaf + ": OK");
    }

    @Test
    void opensslRejectsOurChainAgainstAnUnrelatedRoot() {
        Chain chain = Chain.of(KeyType.EC_P256);
        Path intermediate = writeCertificate("intermediate.pem", chain.intermediate());
        Path leaf = writeCertificate("leaf.pem", chain.leaf());
        Path unrelatedRoot = writeCertificate("other-root.pem",
                HeldCertificate.builder().commonName("Unrelated Root").certificateAuthority().build());
        Path impostorRoot = writeCertificate("impostor-root.pem",
                HeldCertificate.builder().commonName(chain.root().commonName()).certificateAuthority().build());

        for (Path root : List.of(unrelatedRoot, impostorRoot)) {
            assertThat(opensslFails("verify", "-CAfile", root, "-untrusted", intermediate, leaf).all())
                    .as("verifying against %s", root.getFileName())
                    .contains("unable to get local issuer certificate");
        }
    }

    @Test
    void weReadTheWalkthroughsSelfSignedDevice() {
        openssl("req", "-outform", "PEM", "-x509", "-sha256", "-newkey", "rsa:4096",
                "-keyout", "device-key.pem", "-out", "device-cert.pem", "-days", "30",
                "-extensions", "usr_cert", "-addext", "extendedKeyUsage=clientAuth",
                "-subj", "/CN=my-x509-device", "-passout", "pass:1234");
        Path certificate = dir.resolve("device-cert.pem");
        Path key = dir.resolve("device-key.pem");

        HeldCertificate device = IdentityFiles.readHeldCertificate(certificate, key, Optional.of(PASSPHRASE));

        assertThat(device.commonName()).isEqualTo("my-x509-device");
        assertThat(KeyType.describe(device.privateKey())).isEqualTo("RSA 4096");
        assertThat(CertificateDetails.of(device.certificate()).extendedKeyUsages()).contains("clientAuth");
        assertThat(Certificates.sha1Thumbprint(device.certificate())).isEqualTo(opensslSha1Thumbprint(certificate));

        assertThatThrownBy(() -> IdentityFiles.readHeldCertificate(certificate, key, Optional.of("4321".toCharArray())))
                .isInstanceOf(IdentityException.class)
                .hasMessageContaining("wrong pass phrase")
                .hasMessageContaining("device-key.pem");
    }

    @Test
    void weReadALegacyEncryptedRsaKey() {
        openssl("genrsa", "-out", "plain.pem", "2048");
        openssl("rsa", "-in", "plain.pem", "-aes256", "-traditional", "-passout", "pass:1234", "-out", "legacy.pem");
        assertThat(dir.resolve("legacy.pem")).content().contains("Proc-Type: 4,ENCRYPTED");

        PrivateKey key = IdentityFiles.readPrivateKey(dir.resolve("legacy.pem"), PASSPHRASE);

        assertThat(KeyType.describe(key)).isEqualTo("RSA 2048");
        assertThat(key.getEncoded()).isEqualTo(IdentityFiles.readPrivateKey(dir.resolve("plain.pem")).getEncoded());
    }

    @Test
    void weReadALegacyEncryptedEcKey() {
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ec.pem");
        openssl("ec", "-in", "ec.pem", "-aes256", "-passout", "pass:1234", "-out", "ec-legacy.pem");
        assertThat(dir.resolve("ec-legacy.pem")).content().contains("Proc-Type: 4,ENCRYPTED");

        PrivateKey key = IdentityFiles.readPrivateKey(dir.resolve("ec-legacy.pem"), PASSPHRASE);

        assertThat(KeyType.describe(key)).isEqualTo("EC P-256");
        assertThat(key.getEncoded()).isEqualTo(IdentityFiles.readPrivateKey(dir.resolve("ec.pem")).getEncoded());
    }

    @Test
    void weReadAPfxThatOpensslExported() {
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "k.pem", "-out", "c.pem", "-subj", "/CN=pfx-device", "-days", "10");
        openssl("pkcs12", "-export", "-inkey", "k.pem", "-in", "c.pem", "-out", "d.pfx", "-passout", "pass:secret");
        Path pfx = dir.resolve("d.pfx");

        HeldCertificate held = IdentityFiles.readPkcs12(pfx, "secret".toCharArray());

        assertThat(held.commonName()).isEqualTo("pfx-device");
        assertThat(Certificates.keyMatches(held.certificate(), held.privateKey())).isTrue();
        assertThatThrownBy(() -> IdentityFiles.readPkcs12(pfx, "not-secret".toCharArray()))
                .isInstanceOf(IdentityException.class)
                .hasMessageContaining("wrong password")
                .hasMessageContaining("d.pfx");
    }

    @Test
    void curvesOtherThanNistAreNotCalledP256() {
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:brainpoolP256r1", "-nodes",
                "-keyout", "bp.key.pem", "-out", "bp.pem", "-subj", "/CN=brainpool-device", "-days", "10");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:secp384r1", "-nodes",
                "-keyout", "p384.key.pem", "-out", "p384.pem", "-subj", "/CN=p384-device", "-days", "10");

        String brainpool = CertificateDetails.of(IdentityFiles.readCertificates(dir.resolve("bp.pem")).getFirst()).keyType();

        assertThat(brainpool).startsWith("EC").isNotEqualTo("EC P-256");
        assertThat(CertificateDetails.of(IdentityFiles.readCertificates(dir.resolve("p384.pem")).getFirst()).keyType())
                .isEqualTo("EC P-384");
    }

    static Stream<Arguments> encryptionsAndKeyTypes() {
        return Stream.of(KeyEncryption.values()).flatMap(form -> Stream.of(KeyType.EC_P256, KeyType.RSA_2048)
                .map(keyType -> Arguments.of(form, keyType)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("encryptionsAndKeyTypes")
    void opensslReadsOurEncryptedKeys(KeyEncryption form, KeyType keyType) {
        HeldCertificate device = HeldCertificate.builder().commonName("device-01").keyType(keyType).clientAuth().build();
        Path certificate = writeCertificate("device.cert.pem", device);
        Path key = dir.resolve("device.key.pem");

        IdentityFiles.writePrivateKey(key, device.privateKey(), PASSPHRASE, form);

        assertThat(key).content().contains(switch (form) {
            case PKCS8 -> "-----BEGIN ENCRYPTED PRIVATE KEY-----";
            case LEGACY_PEM -> "Proc-Type: 4,ENCRYPTED";
        });
        assertThat(openssl("pkey", "-in", key, "-passin", "pass:1234", "-pubout").stdout())
                .isEqualTo(publicKeyPem(certificate));
        opensslFails("pkey", "-in", key, "-passin", "pass:wrong", "-pubout");
    }

    @Test
    void opensslReadsOurPfxWithItsFullChain() {
        Chain chain = Chain.of(KeyType.EC_P256);
        Path pfx = dir.resolve("device-01.pfx");

        IdentityFiles.writePkcs12(pfx, chain.leaf(), "pw".toCharArray());

        String certificates = openssl("pkcs12", "-in", pfx, "-passin", "pass:pw", "-nokeys").stdout();
        assertThat(occurrences(certificates, "-----BEGIN CERTIFICATE-----")).isEqualTo(3);
        assertThat(certificates)
                .containsPattern("subject=CN ?= ?device-01")
                .containsPattern("subject=CN ?= ?Intermediate CA")
                .containsPattern("subject=CN ?= ?Root CA");
        assertThat(openssl("pkcs12", "-in", pfx, "-passin", "pass:pw", "-nocerts", "-nodes").stdout())
                .contains("-----BEGIN PRIVATE KEY-----");
        opensslFails("pkcs12", "-in", pfx, "-passin", "pass:wrong", "-nokeys");
    }

    @Test
    void opensslReadsOurPlainKeyAndEveryKeyFileIsOwnerOnly() throws IOException {
        HeldCertificate device = HeldCertificate.builder().commonName("device-01").clientAuth().build();
        Path certificate = writeCertificate("device.cert.pem", device);
        Path plainKey = Files.writeString(dir.resolve("device.key.pem"), "an older, world-readable file");
        Files.setPosixFilePermissions(plainKey, PosixFilePermissions.fromString("rw-r--r--"));
        Path encryptedKey = dir.resolve("device-encrypted.key.pem");
        Path pfx = dir.resolve("device.pfx");

        IdentityFiles.writePrivateKey(plainKey, device.privateKey());
        IdentityFiles.writePrivateKey(encryptedKey, device.privateKey(), PASSPHRASE, KeyEncryption.PKCS8);
        IdentityFiles.writePkcs12(pfx, device, "pw".toCharArray());

        assertThat(plainKey).content().startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(openssl("pkey", "-in", plainKey, "-pubout").stdout()).isEqualTo(publicKeyPem(certificate));
        for (Path keyFile : List.of(plainKey, encryptedKey, pfx)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                    .as("permissions of %s", keyFile.getFileName())
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void opensslAcceptsOurServerCertificateForItsNames() {
        HeldCertificate root = HeldCertificate.builder().commonName("Root CA").certificateAuthority().build();
        HeldCertificate server = HeldCertificate.builder()
                .commonName("localhost")
                .serverAuth()
                .subjectAlternativeName("localhost")
                .subjectAlternativeName("127.0.0.1")
                .subjectAlternativeName("::1")
                .signedBy(root)
                .build();
        Path rootFile = writeCertificate("root.pem", root);
        Path serverFile = writeCertificate("server.pem", server);

        assertThat(openssl("verify", "-CAfile", rootFile, "-purpose", "sslserver", serverFile).stdout())
                .isEqualToIgnoringNewLines(serverFile + ": OK");
        openssl("verify", "-CAfile", rootFile, "-purpose", "sslserver", "-verify_hostname", "localhost", serverFile);
        openssl("verify", "-CAfile", rootFile, "-purpose", "sslserver", "-verify_ip", "127.0.0.1", serverFile);
        openssl("verify", "-CAfile", rootFile, "-purpose", "sslserver", "-verify_ip", "::1", serverFile);
        opensslFails("verify", "-CAfile", rootFile, "-purpose", "sslserver", "-verify_hostname", "example.com", serverFile);

        String names = openssl("x509", "-in", serverFile, "-noout", "-ext", "subjectAltName").stdout();
        assertThat(names).contains("DNS:localhost", "IP Address:127.0.0.1");
        // OpenSSL 3.0 prints IPv6 addresses uncompressed; later releases may print ::1.
        assertThat(names).containsAnyOf("IP Address:0:0:0:0:0:0:0:1", "IP Address:::1");
    }

    /** Root CA → Intermediate CA (pathlen 0) → device-01 with clientAuth, all with keys of one type. */
    private record Chain(HeldCertificate root, HeldCertificate intermediate, HeldCertificate leaf) {
        static Chain of(KeyType keyType) {
            HeldCertificate root = HeldCertificate.builder()
                    .commonName("Root CA").keyType(keyType).certificateAuthority().build();
            HeldCertificate intermediate = HeldCertificate.builder()
                    .commonName("Intermediate CA").keyType(keyType).certificateAuthority(0).signedBy(root).build();
            HeldCertificate leaf = HeldCertificate.builder()
                    .commonName("device-01").keyType(keyType).clientAuth().signedBy(intermediate).build();
            return new Chain(root, intermediate, leaf);
        }
    }

    private Path writeCertificate(String name, HeldCertificate held) {
        Path file = dir.resolve(name);
        IdentityFiles.writeCertificates(file, List.of(held.certificate()));
        return file;
    }

    private String publicKeyPem(Path certificate) {
        return openssl("x509", "-in", certificate, "-noout", "-pubkey").stdout();
    }

    private String opensslSha1Thumbprint(Path certificate) {
        String line = openssl("x509", "-in", certificate, "-noout", "-fingerprint", "-sha1").stdout().strip();
        assertThat(line).matches("(?i)sha1 Fingerprint=[0-9A-F:]+");
        return line.substring(line.indexOf('=') + 1).replace(":", "").toUpperCase(Locale.ROOT);
    }

    private static int occurrences(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private record Result(List<String> command, int exitCode, String stdout, String stderr) {
        String all() {
            return stdout + stderr;
        }

        String describe() {
            return String.join(" ", command) + "\nexit code " + exitCode
                    + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    /** Runs openssl in the test's folder and fails the test, with all its output, unless it exits 0. */
    private Result openssl(Object... args) {
        Result result = run(args);
        if (result.exitCode() != 0) {
            fail("openssl failed:\n" + result.describe());
        }
        return result;
    }

    /** Runs openssl and fails the test, with all its output, unless openssl refuses (non-zero exit). */
    private Result opensslFails(Object... args) {
        Result result = run(args);
        if (result.exitCode() == 0) {
            fail("openssl was expected to fail but succeeded:\n" + result.describe());
        }
        return result;
    }

    private Result run(Object... args) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        Arrays.stream(args).map(String::valueOf).forEach(command::add);
        try {
            Path stdout = Files.createTempFile(dir, ".openssl-", ".out");
            Path stderr = Files.createTempFile(dir, ".openssl-", ".err");
            try {
                Process process = new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(stdout.toFile())
                        .redirectError(stderr.toFile())
                        .start();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    fail("openssl did not finish within " + TIMEOUT_SECONDS + " s: " + String.join(" ", command));
                }
                return new Result(command, process.exitValue(),
                        Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", command), e);
        }
    }
}
