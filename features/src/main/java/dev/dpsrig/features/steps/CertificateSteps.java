package dev.dpsrig.features.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.certs.Certificates;
import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.IdentityException;
import dev.dpsrig.certs.IdentityFiles;
import dev.dpsrig.certs.KeyEncryption;
import dev.dpsrig.certs.KeyType;
import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.emulator.client.ServiceApiException;
import dev.dpsrig.emulator.device.DeviceAttestation;
import dev.dpsrig.protocol.service.CertificateResponse;
import io.cucumber.java.After;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Certificates as users hold them: PEM files with a pass phrase, PKCS#12 files with a password, full-chain
 * files, read back through the same file loading {@code dpsrig device register --cert/--pfx} uses; CA
 * certificates uploaded and proven through the service API; and the device certificates DPS must refuse.
 */
public final class CertificateSteps {
    private final ScenarioTarget target;
    private final DeviceRoster devices;
    private final Credentials credentials;
    private final Enrollments enrollments;
    private final Map<String, HeldCertificate> roots = new LinkedHashMap<>();
    private Path directory;
    private Optional<CertificateResponse> verificationCode = Optional.empty();
    private Optional<ServiceApiException> refusal = Optional.empty();

    public CertificateSteps(ScenarioTarget target, DeviceRoster devices, Credentials credentials, Enrollments enrollments) {
        this.target = target;
        this.devices = devices;
        this.credentials = credentials;
        this.enrollments = enrollments;
    }

    // ---- files --------------------------------------------------------------------------------

    /** Like {@code openssl req -x509 -newkey rsa:4096 -keyout device-key.pem -out device-cert.pem -subj /CN=...}. */
    @Given("{string} and {string} hold a self-signed {keyType} certificate for {string}, the key under pass phrase {string}")
    public void selfSignedPemFiles(String certificateFile, String keyFile, KeyType keyType, String commonName, String passphrase) {
        HeldCertificate device = HeldCertificate.builder().commonName(commonName).keyType(keyType).clientAuth().build();
        IdentityFiles.writeCertificates(file(certificateFile), List.of(device.certificate()));
        IdentityFiles.writePrivateKey(file(keyFile), device.privateKey(), passphrase.toCharArray(), KeyEncryption.PKCS8);
    }

    /** Like {@code openssl pkcs12 -export -out device.pfx}: certificate, chain and key in one file under a password. */
    @Given("{string} holds a self-signed {keyType} certificate for {string} under password {string}")
    public void selfSignedPfx(String pfxFile, KeyType keyType, String commonName, String password) {
        HeldCertificate device = HeldCertificate.builder().commonName(commonName).keyType(keyType).clientAuth().build();
        IdentityFiles.writePkcs12(file(pfxFile), device, password.toCharArray());
    }

    /** The walkthrough's {@code certs/device-01-full-chain.cert.pem} (leaf, intermediate, root) and {@code private/device-01.key.pem}. */
    @Given("{string} and {string} hold the full chain and key of {string} from {string}")
    public void fullChainFiles(String chainFile, String keyFile, String commonName, String authority) {
        HeldCertificate device = HeldCertificate.builder().commonName(commonName).clientAuth()
                .signedBy(credentials.authority(authority)).build();
        IdentityFiles.writeCertificates(file(chainFile), device.fullChain());
        IdentityFiles.writePrivateKey(file(keyFile), device.privateKey());
    }

    /** Like {@code az iot dps enrollment create --attestation-type x509 --certificate-path FILE}: the CN is the enrollment id. */
    @Given("an individual enrollment for the certificate in {string}")
    public void enrollFromFile(String certificateFile) {
        X509Certificate leaf = IdentityFiles.readCertificates(file(certificateFile)).getFirst();
        String registrationId = Certificates.commonName(leaf).orElseThrow(() -> new AssertionError(
                certificateFile + " holds a certificate without a CN: " + Certificates.describe(leaf)));
        enrollments.putIndividual(registrationId, Enrollments.x509(leaf), JsonValue.EMPTY_JSON_OBJECT);
    }

    /** Like {@code openssl pkcs12 -in device.pfx -clcerts -nokeys} followed by an enrollment for that certificate. */
    @Given("an individual enrollment {string} for the certificate in the PFX file {string} under password {string}")
    public void enrollFromPfx(String registrationId, String pfxFile, String password) {
        X509Certificate leaf = IdentityFiles.readPkcs12(file(pfxFile), password.toCharArray()).certificate();
        enrollments.putIndividual(registrationId, Enrollments.x509(leaf), JsonValue.EMPTY_JSON_OBJECT);
    }

    @When("device {string} registers with {string} and {string} under pass phrase {string}")
    public void registersWithEncryptedPem(String name, String certificateFile, String keyFile, String passphrase) {
        HeldCertificate identity = IdentityFiles.readHeldCertificate(file(certificateFile), file(keyFile),
                Optional.of(passphrase.toCharArray()));
        devices.register(name, DeviceAttestation.X509.of(identity), Optional.empty());
    }

    @When("device {string} registers with {string} and {string}")
    public void registersWithPem(String name, String certificateFile, String keyFile) {
        HeldCertificate identity = IdentityFiles.readHeldCertificate(file(certificateFile), file(keyFile), Optional.empty());
        devices.register(name, DeviceAttestation.X509.of(identity), Optional.empty());
    }

    @When("device {string} registers with {string} under password {string}")
    public void registersWithPfx(String name, String pfxFile, String password) {
        HeldCertificate identity = IdentityFiles.readPkcs12(file(pfxFile), password.toCharArray());
        devices.register(name, DeviceAttestation.X509.of(identity), Optional.empty());
    }

    @Then("the key in {string} does not open with pass phrase {string}")
    public void keyRefusesPassphrase(String keyFile, String passphrase) {
        assertThatThrownBy(() -> IdentityFiles.readPrivateKey(file(keyFile), passphrase.toCharArray()))
                .as("reading %s with pass phrase '%s'", keyFile, passphrase).isInstanceOf(IdentityException.class);
    }

    @Then("{string} does not open with password {string}")
    public void pfxRefusesPassword(String pfxFile, String password) {
        assertThatThrownBy(() -> IdentityFiles.readPkcs12(file(pfxFile), password.toCharArray()))
                .as("reading %s with password '%s'", pfxFile, password).isInstanceOf(IdentityException.class)
                .hasMessageContaining("password");
    }

    // ---- CA upload and proof of possession ------------------------------------------------------

    /** Like {@code az iot dps certificate create} without {@code --verified}: DPS holds the root but does not trust it yet. */
    @Given("a root CA {string} with an intermediate, uploaded through the service API but not verified")
    public void uploadedUnverified(String name) {
        HeldCertificate root = credentials.newAuthority(name, KeyType.EC_P256);
        roots.put(name, root);
        try (ServiceApiClient service = target.openServiceApi()) {
            CertificateResponse answer = service.putCertificate(name, root.certificatePem(), false, Optional.empty());
            assertThat(answer.properties().isVerified()).as("upload answer %s", answer.toJson()).isFalse();
        }
    }

    @When("DPS is asked for a verification code for {string}")
    public void askForCode(String name) {
        try (ServiceApiClient service = target.openServiceApi()) {
            verificationCode = Optional.of(service.generateVerificationCode(name, Optional.of(service.certificate(name).etag())));
        }
    }

    /** Proof of possession: a certificate whose CN is the code, signed by the key of the root (or of another CA). */
    @When("a certificate for that code signed by {string} is sent back to verify {string}")
    public void sendProof(String signer, String name) {
        CertificateResponse code = verificationCode.orElseThrow(() -> new AssertionError("no verification code was asked for"));
        HeldCertificate signingCa = roots.computeIfAbsent(signer,
                other -> HeldCertificate.builder().commonName(other).certificateAuthority().build());
        HeldCertificate proof = HeldCertificate.builder().commonName(code.properties().verificationCode().orElseThrow())
                .signedBy(signingCa).build();
        try (ServiceApiClient service = target.openServiceApi()) {
            service.verifyCertificate(name, proof.certificatePem(), Optional.of(code.etag()));
        } catch (ServiceApiException refused) {
            refusal = Optional.of(refused);
        }
    }

    @Then("the CA certificate {string} is verified")
    public void isVerified(String name) {
        refusal.ifPresent(refused -> {
            throw new AssertionError("the service refused: " + refused.status() + " " + refused.serviceMessage());
        });
        assertThat(caVerified(name)).as("isVerified of CA certificate '%s'", name).isTrue();
    }

    @Then("the verification is refused with status {int} and {string} stays unverified")
    public void verificationRefused(int status, String name) {
        ServiceApiException refused = refusal.orElseThrow(() -> new AssertionError(
                "the service accepted the proof of possession for '" + name + "'"));
        assertThat(refused.status()).as(refused.serviceMessage()).isEqualTo(status);
        assertThat(caVerified(name)).as("isVerified of CA certificate '%s'", name).isFalse();
    }

    private boolean caVerified(String name) {
        try (ServiceApiClient service = target.openServiceApi()) {
            return service.certificate(name).properties().isVerified();
        }
    }

    // ---- certificates DPS refuses ---------------------------------------------------------------

    /** The walkthrough warns that a chain must reach a verified certificate: here the device leaves out its intermediate. */
    @When("device {string} registers with its certificate from {string} but without the intermediate")
    public void withoutIntermediate(String name, String authority) {
        HeldCertificate issued = issued(name, authority, HeldCertificate.builder().clientAuth());
        HeldCertificate leafOnly = HeldCertificate.of(List.of(issued.certificate()), issued.privateKey());
        devices.register(name, DeviceAttestation.X509.of(leafOnly), Optional.empty());
    }

    @When("device {string} registers with a certificate from {string} that is valid only from tomorrow")
    public void notYetValid(String name, String authority) {
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
        HeldCertificate device = issued(name, authority, HeldCertificate.builder().clientAuth()
                .validity(tomorrow, tomorrow.plus(Duration.ofDays(30))));
        devices.register(name, DeviceAttestation.X509.of(device), Optional.empty());
    }

    @When("device {string} registers with a certificate from {string} made for server authentication only")
    public void serverAuthOnly(String name, String authority) {
        HeldCertificate device = issued(name, authority, HeldCertificate.builder().serverAuth());
        devices.register(name, DeviceAttestation.X509.of(device), Optional.empty());
    }

    private HeldCertificate issued(String commonName, String authority, HeldCertificate.Builder builder) {
        return builder.commonName(commonName).signedBy(credentials.authority(authority)).build();
    }

    private Path file(String name) {
        if (directory == null) {
            try {
                directory = Files.createTempDirectory("dpsrig-scenario-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return directory.resolve(name);
    }

    @After
    public void deleteFiles() throws IOException {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
