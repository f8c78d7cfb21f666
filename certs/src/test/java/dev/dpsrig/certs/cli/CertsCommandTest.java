package dev.dpsrig.certs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.certs.CertificateDetails;
import dev.dpsrig.certs.Certificates;
import dev.dpsrig.certs.ChainProblem;
import dev.dpsrig.certs.ChainValidator;
import dev.dpsrig.certs.ChainVerdict;
import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.IdentityFiles;
import dev.dpsrig.certs.KeyType;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class CertsCommandTest {
    private static final String ROOT_CERT = "certs/azure-iot-test-only.root.ca.cert.pem";
    private static final String INTERMEDIATE_CERT = "certs/azure-iot-test-only.intermediate.cert.pem";
    private static final String CA_CHAIN = "certs/azure-iot-test-only.chain.ca.cert.pem";
    private static final String ROOT_KEY = "private/azure-iot-test-only.root.ca.key.pem";
    private static final String INTERMEDIATE_KEY = "private/azure-iot-test-only.intermediate.key.pem";

    @TempDir
    Path dir;

    private record Run(List<String> args, int exitCode, String out, String err) {
    }

    private static Run certs(Object... args) {
        List<String> arguments = Stream.of(args).map(String::valueOf).toList();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new CertsCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setExecutionExceptionHandler((exception, failed, parsed) -> {
            failed.getErr().println(exception.getMessage());
            return 1;
        });
        int exitCode = commandLine.execute(arguments.toArray(String[]::new));
        return new Run(arguments, exitCode, out.toString(), err.toString());
    }

    private static Run succeeded(Run run) {
        assertThat(run.exitCode()).as("exit code of %s; stderr: %s", run.args(), run.err()).isZero();
        return run;
    }

    private static Object[] prepend(Object[] options, Object... command) {
        return Stream.concat(Stream.of(command), Stream.of(options)).toArray();
    }

    private void createCa(Object... options) {
        succeeded(certs(prepend(options, "create-root-and-intermediate", "--dir", dir)));
    }

    private Run createDevice(String name, Object... options) {
        return certs(prepend(options, "create-device-certificate", name, "--dir", dir));
    }

    private Path file(String relative) {
        return dir.resolve(relative);
    }

    private X509Certificate onlyCertificateIn(String relative) {
        List<X509Certificate> certificates = IdentityFiles.readCertificates(file(relative));
        assertThat(certificates).as(relative).hasSize(1);
        return certificates.getFirst();
    }

    private X509Certificate root() {
        return onlyCertificateIn(ROOT_CERT);
    }

    private X509Certificate intermediate() {
        return onlyCertificateIn(INTERMEDIATE_CERT);
    }

    private static String permissions(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private static List<String> filesUnder(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).map(f -> directory.relativize(f).toString()).toList();
        }
    }

    private static Map<Path, String> contentsUnder(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).collect(Collectors.toMap(Function.identity(), CertsCommandTest::readString));
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertEachSignedByTheNext(List<X509Certificate> chain) {
        for (int i = 0; i + 1 < chain.size(); i++) {
            assertThat(Certificates.isSignedBy(chain.get(i), chain.get(i + 1)))
                    .as("[%d] %s signed by [%d] %s", i, chain.get(i).getSubjectX500Principal(), i + 1,
                            chain.get(i + 1).getSubjectX500Principal())
                    .isTrue();
        }
    }

    @Nested
    class CreateRootAndIntermediate {
        @Test
        void writesExactlyTheCertGenFileLayout() throws IOException {
            createCa();

            assertThat(filesUnder(dir)).containsExactlyInAnyOrder(ROOT_CERT, INTERMEDIATE_CERT, CA_CHAIN, ROOT_KEY, INTERMEDIATE_KEY);
        }

        @Test
        void keysAreReadableByTheirOwnerOnly() throws IOException {
            createCa();

            assertThat(permissions(file(ROOT_KEY))).isEqualTo("rw-------");
            assertThat(permissions(file(INTERMEDIATE_KEY))).isEqualTo("rw-------");
        }

        @Test
        void intermediateIsACaWithPathLengthZeroSignedByTheRoot() {
            createCa();

            CertificateDetails intermediate = CertificateDetails.of(intermediate());
            assertThat(intermediate.certificateAuthority()).isTrue();
            assertThat(intermediate.pathLength()).contains(0);
            assertThat(Certificates.isSignedBy(intermediate(), root())).isTrue();
            assertThat(CertificateDetails.of(root()).selfSigned()).isTrue();
            assertThat(IdentityFiles.readCertificates(file(CA_CHAIN))).containsExactly(intermediate(), root());
        }

        @Test
        void keysMatchTheirCertificates() {
            createCa();

            assertThat(Certificates.keyMatches(root(), IdentityFiles.readPrivateKey(file(ROOT_KEY)))).isTrue();
            assertThat(Certificates.keyMatches(intermediate(), IdentityFiles.readPrivateKey(file(INTERMEDIATE_KEY)))).isTrue();
        }

        @Test
        void rsa2048KeyTypeGivesRsa2048Keys() {
            createCa("--key-type", "rsa2048");

            assertThat(KeyType.describe(root().getPublicKey())).isEqualTo("RSA 2048");
            assertThat(KeyType.describe(intermediate().getPublicKey())).isEqualTo("RSA 2048");
            assertThat(KeyType.describe(IdentityFiles.readPrivateKey(file(ROOT_KEY)))).isEqualTo("RSA 2048");
            assertThat(KeyType.describe(IdentityFiles.readPrivateKey(file(INTERMEDIATE_KEY)))).isEqualTo("RSA 2048");
        }

        @Test
        void refusesToReplaceAnExistingCaWithoutForce() throws IOException {
            createCa();
            Map<Path, String> before = contentsUnder(dir);

            Run again = certs("create-root-and-intermediate", "--dir", dir);

            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.err()).contains("already exists", "--force");
            assertThat(contentsUnder(dir)).isEqualTo(before);
        }
    }

    @Nested
    class CreateDeviceCertificate {
        @Test
        void writesLeafFullChainAndMatchingKey() {
            createCa();

            succeeded(createDevice("device-01"));

            X509Certificate leaf = onlyCertificateIn("certs/device-01.cert.pem");
            List<X509Certificate> fullChain = IdentityFiles.readCertificates(file("certs/device-01-full-chain.cert.pem"));
            assertThat(fullChain).containsExactly(leaf, intermediate(), root());
            assertEachSignedByTheNext(fullChain);
            assertThat(Certificates.keyMatches(leaf, IdentityFiles.readPrivateKey(file("private/device-01.key.pem")))).isTrue();
        }

        @Test
        void leafIsAClientAuthCertificateNamedAfterTheDevice() {
            createCa();

            succeeded(createDevice("device-01"));

            CertificateDetails leaf = CertificateDetails.of(onlyCertificateIn("certs/device-01.cert.pem"));
            assertThat(leaf.commonName()).contains("device-01");
            assertThat(leaf.extendedKeyUsages()).containsExactly("clientAuth");
            assertThat(leaf.certificateAuthority()).isFalse();
        }

        @Test
        void fullChainIsTrustedByTheRootForClientAuth() {
            createCa();

            succeeded(createDevice("device-01"));

            List<X509Certificate> fullChain = IdentityFiles.readCertificates(file("certs/device-01-full-chain.cert.pem"));
            ChainVerdict verdict = ChainValidator.trusting(List.of(root())).requiringClientAuth().validate(fullChain);
            assertThat(verdict.trusted()).as("%s", verdict).isTrue();
        }

        @Test
        void printsTheSha1ThumbprintDpsShows() {
            createCa();

            Run run = succeeded(createDevice("device-01"));

            assertThat(run.out()).contains(Certificates.sha1Thumbprint(onlyCertificateIn("certs/device-01.cert.pem")));
        }

        @Test
        void refusesToReplaceAnExistingDeviceAndKeepsItsFiles() throws IOException {
            createCa();
            succeeded(createDevice("device-01"));
            Map<Path, String> before = contentsUnder(dir);

            Run again = createDevice("device-01");

            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.err()).contains(file("certs/device-01.cert.pem").toString(), "--force");
            assertThat(contentsUnder(dir)).isEqualTo(before);
        }

        @Test
        void forceReplacesAnExistingDevice() throws IOException {
            createCa();
            succeeded(createDevice("device-01"));
            String first = Files.readString(file("certs/device-01.cert.pem"));

            succeeded(createDevice("device-01", "--force"));

            assertThat(Files.readString(file("certs/device-01.cert.pem"))).isNotEqualTo(first);
            assertThat(Certificates.keyMatches(onlyCertificateIn("certs/device-01.cert.pem"),
                    IdentityFiles.readPrivateKey(file("private/device-01.key.pem")))).isTrue();
        }

        @Test
        void withoutACaSaysWhichFileIsMissingAndHowToCreateIt() throws IOException {
            Run run = createDevice("device-01");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains(file(INTERMEDIATE_CERT).toString(), "create-root-and-intermediate");
            assertThat(filesUnder(dir)).isEmpty();
        }

        @ParameterizedTest
        @CsvSource({
                "PKCS8, ENCRYPTED PRIVATE KEY",
                "LEGACY_PEM, 'Proc-Type: 4,ENCRYPTED'"})
        void passphraseEncryptsTheDeviceKey(String form, String marker) throws IOException {
            createCa();

            succeeded(createDevice("device-01", "--passphrase", "1234", "--key-encryption", form));

            Path key = file("private/device-01.key.pem");
            assertThat(Files.readString(key)).contains(marker);
            PrivateKey decrypted = IdentityFiles.readPrivateKey(key, "1234".toCharArray());
            assertThat(Certificates.keyMatches(onlyCertificateIn("certs/device-01.cert.pem"), decrypted)).isTrue();
        }

        @Test
        void encryptedCaKeyWithoutCaPassphraseSaysItIsEncrypted() throws IOException {
            createCa("--passphrase", "secret");

            Run run = createDevice("device-01");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains(file(INTERMEDIATE_KEY).toString(), "encrypted");
            assertThat(file("certs/device-01.cert.pem")).doesNotExist();
        }

        @Test
        void encryptedCaKeyWithWrongCaPassphraseSaysSo() {
            createCa("--passphrase", "secret");

            Run run = createDevice("device-01", "--ca-passphrase", "wrong");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains(file(INTERMEDIATE_KEY).toString(), "wrong pass phrase");
            assertThat(file("certs/device-01.cert.pem")).doesNotExist();
        }

        @Test
        void encryptedCaKeyWithRightCaPassphraseSignsTheDevice() {
            createCa("--passphrase", "secret");

            succeeded(createDevice("device-01", "--ca-passphrase", "secret"));

            assertThat(Certificates.isSignedBy(onlyCertificateIn("certs/device-01.cert.pem"), intermediate())).isTrue();
        }

        @Test
        void rootSignerGivesAChainOfDeviceAndRoot() {
            createCa();

            succeeded(createDevice("device-01", "--signer", "root"));

            List<X509Certificate> fullChain = IdentityFiles.readCertificates(file("certs/device-01-full-chain.cert.pem"));
            assertThat(fullChain).hasSize(2).endsWith(root());
            assertEachSignedByTheNext(fullChain);
        }
    }

    @Nested
    class CreateVerificationCertificate {
        @Test
        void isNamedAfterTheCodeAndSignedByTheRoot() {
            createCa();

            succeeded(certs("create-verification-certificate", "ABC123", "--dir", dir));

            X509Certificate verification = onlyCertificateIn("certs/verification-code.cert.pem");
            assertThat(Certificates.commonName(verification)).contains("ABC123");
            assertThat(Certificates.isSignedBy(verification, root())).isTrue();
            assertThat(Certificates.keyMatches(verification,
                    IdentityFiles.readPrivateKey(file("private/verification-code.key.pem")))).isTrue();
        }

        @Test
        void intermediateSignerSignsWithTheIntermediate() {
            createCa();

            succeeded(certs("create-verification-certificate", "ABC123", "--dir", dir, "--signer", "intermediate"));

            X509Certificate verification = onlyCertificateIn("certs/verification-code.cert.pem");
            assertThat(Certificates.commonName(verification)).contains("ABC123");
            assertThat(Certificates.isSignedBy(verification, intermediate())).isTrue();
        }
    }

    @Nested
    class CreateSelfSigned {
        private Run createSelfSigned(String commonName, Object... options) {
            return certs(prepend(options, "create-self-signed", commonName, "--dir", dir));
        }

        private X509Certificate deviceCertificate() {
            return onlyCertificateIn("device-cert.pem");
        }

        @Test
        void writesTheWalkthroughsSelfSignedClientAuthCertificate() {
            assertThat(createSelfSigned("my-x509-device", "--passphrase", "1234").exitCode()).isZero();

            CertificateDetails details = CertificateDetails.of(deviceCertificate());
            assertThat(details.selfSigned()).isTrue();
            assertThat(details.commonName()).contains("my-x509-device");
            assertThat(details.extendedKeyUsages()).containsExactly("clientAuth");
            assertThat(details.keyType()).isEqualTo("EC P-256");
            assertThat(Duration.between(details.notBefore(), details.notAfter())).isEqualTo(Duration.ofDays(30));
        }

        @Test
        void passphraseEncryptsTheOwnerOnlyKey() throws IOException {
            assertThat(createSelfSigned("my-x509-device", "--passphrase", "1234").exitCode()).isZero();

            Path key = file("device-key.pem");
            assertThat(Files.readString(key)).contains("ENCRYPTED PRIVATE KEY");
            assertThat(permissions(key)).isEqualTo("rw-------");
            assertThat(Certificates.keyMatches(deviceCertificate(), IdentityFiles.readPrivateKey(key, "1234".toCharArray()))).isTrue();
        }

        @Test
        void rsaKeyType() {
            assertThat(createSelfSigned("my-x509-device", "--key-type", "rsa2048").exitCode()).isZero();

            assertThat(CertificateDetails.of(deviceCertificate()).keyType()).isEqualTo("RSA 2048");
            assertThat(Certificates.keyMatches(deviceCertificate(), IdentityFiles.readPrivateKey(file("device-key.pem")))).isTrue();
        }

        @Test
        void pastNotBeforeWithOneDayGivesAnExpiredCertificate() {
            assertThat(createSelfSigned("my-x509-device", "--not-before", "2020-01-01", "--days", "1").exitCode()).isZero();

            X509Certificate expired = deviceCertificate();
            ChainVerdict verdict = ChainValidator.trusting(List.of(expired)).validate(List.of(expired));
            assertThat(verdict).isInstanceOfSatisfying(ChainVerdict.Rejected.class,
                    rejected -> assertThat(rejected.problem()).isEqualTo(ChainProblem.EXPIRED));
        }

        @Test
        void illegalRegistrationIdIsWarnedAboutButStillIssued() {
            Run run = createSelfSigned("bad id!");

            assertThat(run.exitCode()).isZero();
            assertThat(run.err()).contains("warning", "'bad id!'", "not a valid DPS registration id");
            assertThat(Certificates.commonName(deviceCertificate())).contains("bad id!");
        }

        @Test
        void validRegistrationIdGivesNoWarning() {
            Run run = createSelfSigned("my-x509-device");

            assertThat(run.exitCode()).isZero();
            assertThat(run.err()).isEmpty();
        }
    }

    @Nested
    class ExportPfx {
        private final String password = "pfx-password";

        private Run exportPfx(Path certificate, Path key, Path out) {
            return certs("export-pfx", "--cert", certificate, "--key", key, "--password", password, "--out", out);
        }

        @Test
        void pfxHoldsTheLeafItsKeyAndTheFullChain() {
            createCa();
            succeeded(createDevice("device-01"));
            Path pfx = file("device-01.pfx");

            assertThat(exportPfx(file("certs/device-01-full-chain.cert.pem"), file("private/device-01.key.pem"), pfx).exitCode())
                    .isZero();

            HeldCertificate held = IdentityFiles.readPkcs12(pfx, password.toCharArray());
            assertThat(held.certificate()).isEqualTo(onlyCertificateIn("certs/device-01.cert.pem"));
            assertThat(held.fullChain()).isEqualTo(IdentityFiles.readCertificates(file("certs/device-01-full-chain.cert.pem")));
            assertThat(held.privateKey()).isEqualTo(IdentityFiles.readPrivateKey(file("private/device-01.key.pem")));
        }

        @Test
        void keyOfAnotherCertificateIsRefused() {
            createCa();
            succeeded(createDevice("device-01"));
            succeeded(createDevice("device-02"));
            Path pfx = file("device-01.pfx");

            Run run = exportPfx(file("certs/device-01.cert.pem"), file("private/device-02.key.pem"), pfx);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("does not match");
            assertThat(pfx).doesNotExist();
        }

        @Test
        void missingCertificateFileIsNamed() {
            createCa();
            succeeded(createDevice("device-01"));
            Path missing = file("certs/nobody.cert.pem");

            Run run = exportPfx(missing, file("private/device-01.key.pem"), file("nobody.pfx"));

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains(missing + ": no such file");
        }
    }

    @Nested
    class Show {
        private Path deviceFullChain() {
            createCa();
            succeeded(createDevice("device-01"));
            return file("certs/device-01-full-chain.cert.pem");
        }

        @Test
        void fullChainShowsEveryCertificateWithItsThumbprintsInLeafFirstOrder() {
            Path fullChain = deviceFullChain();

            Run run = succeeded(certs("show", fullChain));

            for (X509Certificate certificate : IdentityFiles.readCertificates(fullChain)) {
                assertThat(run.out()).contains(certificate.getSubjectX500Principal().getName(),
                        Certificates.sha1Thumbprint(certificate), Certificates.sha256Thumbprint(certificate));
            }
            assertThat(run.out()).contains("chain order: leaf first");
        }

        @Test
        void keyOptionSaysWhetherTheKeyMatches() {
            Path fullChain = deviceFullChain();

            Run run = succeeded(certs("show", fullChain, "--key", file("private/device-01.key.pem")));

            assertThat(run.out()).contains("private key: EC P-256, matches certificate [0]");
        }

        @Test
        void chainInTheWrongOrderSaysWhichCertificateDidNotSignWhich() {
            List<X509Certificate> chain = IdentityFiles.readCertificates(deviceFullChain());
            Path misordered = file("misordered.pem");
            IdentityFiles.writeCertificates(misordered, List.of(chain.get(0), chain.get(2), chain.get(1)));

            Run run = succeeded(certs("show", misordered));

            assertThat(run.out()).contains("chain order: [1] did not sign [0]");
        }

        @ParameterizedTest
        @ValueSource(strings = {"this is not base64 at all!", "Z2FyYmFnZSwgbm90IGEgY2VydGlmaWNhdGU="})
        void corruptPemCertificateFailsNamingTheFile(String body) throws IOException {
            Path corrupt = file("corrupt.pem");
            Files.writeString(corrupt, "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n");

            Run run = certs("show", corrupt);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains(corrupt.toString());
        }

        @Test
        void encryptedKeyWithoutPassphraseSaysItIsEncrypted() {
            createCa();
            succeeded(createDevice("device-01", "--passphrase", "1234"));

            Run run = succeeded(certs("show", file("private/device-01.key.pem")));

            assertThat(run.out()).contains("encrypted", "--passphrase");
        }

        @Test
        void encryptedKeyWithPassphraseShowsItsType() {
            createCa();
            succeeded(createDevice("device-01", "--passphrase", "1234"));

            Run run = succeeded(certs("show", file("private/device-01.key.pem"), "--passphrase", "1234"));

            assertThat(run.out()).contains("private key: EC P-256");
        }

        @Test
        void pfxWithoutPasswordAsksForIt() {
            Path pfx = file("device.pfx");
            IdentityFiles.writePkcs12(pfx, HeldCertificate.builder().commonName("device-01").clientAuth().build(),
                    "secret".toCharArray());

            Run run = certs("show", pfx);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains(pfx.toString(), "--password");
        }

        @Test
        void pfxWithPasswordShowsCertificateAndKey() {
            Path pfx = file("device.pfx");
            IdentityFiles.writePkcs12(pfx, HeldCertificate.builder().commonName("device-01").clientAuth().build(),
                    "secret".toCharArray());

            Run run = succeeded(certs("show", pfx, "--password", "secret"));

            assertThat(run.out()).contains("CN=device-01", "matches certificate [0]");
        }
    }

    @Nested
    class Fleet {
        private Path onlyFleetDirectory() throws IOException {
            try (Stream<Path> fleets = Files.list(file("fleets"))) {
                List<Path> directories = fleets.toList();
                assertThat(directories).singleElement().satisfies(d -> assertThat(d.getFileName().toString()).startsWith("fleet-"));
                return directories.getFirst();
            }
        }

        private static String withoutTiming(String output) {
            return output.replaceAll("\\(\\d+ ms\\)", "(… ms)");
        }

        @Test
        void issuesEachDeviceAsFullChainAndKey() throws IOException {
            createCa();

            succeeded(certs("fleet", "--count", 3, "--dir", dir));

            Path fleet = onlyFleetDirectory();
            assertThat(filesUnder(fleet)).containsExactlyInAnyOrder(
                    "device-00000.cert.pem", "device-00000.key.pem",
                    "device-00001.cert.pem", "device-00001.key.pem",
                    "device-00002.cert.pem", "device-00002.key.pem");
            List<X509Certificate> chain = IdentityFiles.readCertificates(fleet.resolve("device-00002.cert.pem"));
            assertThat(Certificates.commonName(chain.getFirst())).contains("device-00002");
            assertThat(chain).containsExactly(chain.getFirst(), intermediate(), root());
            assertThat(Certificates.keyMatches(chain.getFirst(), IdentityFiles.readPrivateKey(fleet.resolve("device-00002.key.pem"))))
                    .isTrue();
        }

        @Test
        void runningAgainReusesTheSameFiles() throws IOException {
            createCa();
            Run first = succeeded(certs("fleet", "--count", 3, "--dir", dir));
            Map<Path, String> before = contentsUnder(file("fleets"));

            Run second = succeeded(certs("fleet", "--count", 3, "--dir", dir));

            assertThat(contentsUnder(file("fleets"))).isEqualTo(before);
            assertThat(withoutTiming(second.out())).isEqualTo(withoutTiming(first.out()));
        }

        @Test
        void patternWithoutANumberIsAUsageError() {
            createCa();

            Run run = certs("fleet", "--count", 3, "--dir", dir, "--pattern", "x");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("'x'");
            assertThat(file("fleets")).doesNotExist();
        }
    }

    @Test
    void benchmarkPrintsTheCoreCountAndIdentitiesPerSecond() {
        Run run = succeeded(certs("benchmark", "--warmup", 0, "--seconds", 1, "--key-type", "ec", "--threads", 1));

        assertThat(run.out()).contains(Runtime.getRuntime().availableProcessors() + " cores, 1 threads");
        assertThat(run.out().lines()).anySatisfy(line -> assertThat(line).startsWith("EC P-256").contains("identities/s"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"create-root-and-intermediate", "create-device-certificate device-01", "create-self-signed device-01"})
    void zeroDaysIsAUsageError(String command) throws IOException {
        Run run = certs(prepend(new Object[] {"--dir", dir, "--days", 0}, (Object[]) command.split(" ")));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--days must be at least 1");
        assertThat(filesUnder(dir)).isEmpty();
    }

    @Test
    void unknownKeyTypeIsAUsageError() {
        Run run = certs("create-root-and-intermediate", "--dir", dir, "--key-type", "dsa");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown key type 'dsa'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../escape", "sub/dir", "..", "azure-iot-test-only.intermediate", "azure-iot-test-only.root.ca"})
    void deviceNamesThatAreNotPlainFileNamesOrAreTheCasOwnAreRefused(String name) throws IOException {
        createCa();
        Map<Path, String> before = contentsUnder(dir);

        Run run = createDevice(name, "--force");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("device name '" + name + "'");
        assertThat(contentsUnder(dir)).isEqualTo(before);
        assertThat(dir.getParent().resolve("escape.cert.pem")).doesNotExist();
    }

    @Test
    void existingCaChainFileIsNotReplacedWithoutForce() throws IOException {
        Files.createDirectories(file("certs"));
        Files.writeString(file(CA_CHAIN), "kept");

        Run run = certs("create-root-and-intermediate", "--dir", dir);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(CA_CHAIN, "already exists");
        assertThat(Files.readString(file(CA_CHAIN))).isEqualTo("kept");
    }

    @Test
    void showRefusesAPemFileWithNeitherCertificateNorKey() throws IOException {
        Path publicKey = dir.resolve("public.pem");
        Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                + "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n");

        Run run = certs("show", publicKey);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(publicKey.toString(), "no certificate or private key");
    }

    @ParameterizedTest
    @CsvSource({"0,1,1", "1,0,1", "1,1,-1"})
    void benchmarkRefusesNonsenseSettings(int threads, int seconds, int warmup) {
        Run run = certs("benchmark", "--key-type", "ec", "--threads", threads, "--seconds", seconds, "--warmup", warmup);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("must be at least");
    }

    @Test
    void validityPastTheYear9999IsAUsageError() throws IOException {
        Run run = certs("create-root-and-intermediate", "--dir", dir, "--days", 3_000_000);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("9999-12-31");
        assertThat(filesUnder(dir)).isEmpty();
    }
}
