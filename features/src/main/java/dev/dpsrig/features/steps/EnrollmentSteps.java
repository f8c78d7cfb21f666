package dev.dpsrig.features.steps;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.KeyType;
import dev.dpsrig.protocol.service.AttestationMechanism;
import dev.dpsrig.protocol.service.EnrollmentGroup;
import dev.dpsrig.protocol.service.EnrollmentSettings;
import dev.dpsrig.protocol.service.IndividualEnrollment;
import dev.dpsrig.protocol.service.ResourceRevision;
import dev.dpsrig.protocol.service.SymmetricKeyAttestation;
import dev.dpsrig.protocol.service.X509Attestation;
import dev.dpsrig.protocol.service.X509CaReferences;
import io.cucumber.java.en.Given;
import java.util.Optional;

/** Enrollments and groups made through the target's service API, and the CAs their certificates come from. */
public final class EnrollmentSteps {
    private final ScenarioTarget target;
    private final Credentials credentials;
    private final ScenarioEnrollments enrollments;

    public EnrollmentSteps(ScenarioTarget target, Credentials credentials, ScenarioEnrollments enrollments) {
        this.target = target;
        this.credentials = credentials;
        this.enrollments = enrollments;
    }

    @Given("an individual enrollment {string} with symmetric keys")
    public void individualSymmetricKey(String registrationId) {
        putEnrollment(registrationId, Enrollments.symmetricKey(), Optional.empty(), true);
    }

    @Given("an individual enrollment {string} with symmetric keys and device id {string}")
    public void individualSymmetricKeyWithDeviceId(String registrationId, String deviceId) {
        putEnrollment(registrationId, Enrollments.symmetricKey(), Optional.of(deviceId), true);
    }

    @Given("a disabled individual enrollment {string} with symmetric keys")
    public void disabledIndividual(String registrationId) {
        putEnrollment(registrationId, Enrollments.symmetricKey(), Optional.empty(), false);
    }

    @Given("an enrollment group {string} with symmetric keys")
    public void groupSymmetricKey(String groupId) {
        putGroup(groupId, Enrollments.symmetricKey(), true);
    }

    @Given("a disabled enrollment group {string} with symmetric keys")
    public void disabledGroup(String groupId) {
        putGroup(groupId, Enrollments.symmetricKey(), false);
    }

    @Given("a {keyType} root CA {string} with an intermediate, uploaded and verified")
    public void verifiedRoot(KeyType keyType, String name) {
        credentials.uploadedAuthority(name, keyType, true);
    }

    @Given("a root CA {string} with an intermediate, uploaded and verified")
    public void verifiedEcRoot(String name) {
        credentials.uploadedAuthority(name, KeyType.EC_P256, true);
    }

    @Given("a root CA {string} with an intermediate, uploaded but not verified")
    public void unverifiedRoot(String name) {
        credentials.uploadedAuthority(name, KeyType.EC_P256, false);
    }

    @Given("a root CA {string} with an intermediate that DPS does not know")
    public void unknownRoot(String name) {
        credentials.newAuthority(name, KeyType.EC_P256);
    }

    @Given("an enrollment group {string} on the intermediate of {string}")
    public void groupOnIntermediate(String groupId, String authority) {
        putGroup(groupId, Enrollments.x509(credentials.authority(authority).certificate()), true);
    }

    @Given("an enrollment group {string} referencing the CA certificate {string}")
    public void groupOnCaReference(String groupId, String authority) {
        credentials.authority(authority);
        putGroup(groupId, X509Attestation.caReferences(new X509CaReferences(authority, Optional.empty())), true);
    }

    @Given("an individual enrollment {string} for its self-signed {keyType} certificate")
    public void individualSelfSigned(String registrationId, KeyType keyType) {
        HeldCertificate device = HeldCertificate.builder().commonName(target.id(registrationId)).keyType(keyType).clientAuth().build();
        credentials.hold(new CertificateKey.SelfSigned(registrationId), device);
        putEnrollment(registrationId, Enrollments.x509(device.certificate()), Optional.empty(), true);
    }

    @Given("an individual enrollment {string} for its certificate from {string}")
    public void individualFromAuthority(String registrationId, String authority) {
        HeldCertificate device = credentials.issue(authority, target.id(registrationId));
        credentials.hold(new CertificateKey.Issued(registrationId), device);
        putEnrollment(registrationId, Enrollments.x509(device.certificate()), Optional.empty(), true);
    }

    private void putEnrollment(String registrationId, AttestationMechanism attestation, Optional<String> deviceId, boolean enabled) {
        enrollments.enroll(new IndividualEnrollment(target.id(registrationId), deviceId.map(target::id), attestation, status(enabled),
                ResourceRevision.NONE));
        rememberKey(registrationId, attestation);
    }

    private void putGroup(String groupId, AttestationMechanism attestation, boolean enabled) {
        enrollments.enrollGroup(EnrollmentGroup.of(target.id(groupId), attestation, status(enabled)));
        rememberKey(groupId, attestation);
    }

    private static EnrollmentSettings status(boolean enabled) {
        return EnrollmentSettings.NONE.withProvisioningStatus(enabled ? "enabled" : "disabled");
    }

    /** The keys are made here, not by DPS, so they are known without asking for the attestation back. */
    private void rememberKey(String name, AttestationMechanism attestation) {
        if (attestation instanceof SymmetricKeyAttestation keys) {
            keys.primaryKey().ifPresent(key -> credentials.rememberKey(name, key));
        }
    }
}
