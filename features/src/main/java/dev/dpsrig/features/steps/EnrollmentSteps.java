package dev.dpsrig.features.steps;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.KeyType;
import dev.dpsrig.protocol.Jsonp;
import io.cucumber.java.en.Given;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Optional;

/** Enrollments, groups and CA certificates, made through the simulator's service domain. */
public final class EnrollmentSteps {
    private final ScenarioTarget target;
    private final SimulatorWorld world;

    public EnrollmentSteps(ScenarioTarget target, SimulatorWorld world) {
        this.target = target;
        this.world = world;
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
        createAuthority(keyType, name, true);
    }

    @Given("a root CA {string} with an intermediate, uploaded and verified")
    public void verifiedEcRoot(String name) {
        createAuthority(KeyType.EC_P256, name, true);
    }

    @Given("a root CA {string} with an intermediate, uploaded but not verified")
    public void unverifiedRoot(String name) {
        createAuthority(KeyType.EC_P256, name, false);
    }

    @Given("a root CA {string} with an intermediate that DPS does not know")
    public void unknownRoot(String name) {
        HeldCertificate root = HeldCertificate.builder().commonName(name).certificateAuthority().build();
        world.authorities().put(name, HeldCertificate.builder().commonName(name + " intermediate").certificateAuthority(0).signedBy(root).build());
    }

    @Given("an enrollment group {string} on the intermediate of {string}")
    public void groupOnIntermediate(String groupId, String authority) {
        HeldCertificate intermediate = authority(authority);
        putGroup(groupId, Enrollments.x509(intermediate.certificate()), true);
    }

    @Given("an enrollment group {string} referencing the CA certificate {string}")
    public void groupOnCaReference(String groupId, String authority) {
        authority(authority);
        putGroup(groupId, Jsonp.createObjectBuilder().add("type", "x509").add("x509", Jsonp.createObjectBuilder()
                .add("caReferences", Jsonp.createObjectBuilder().add("primary", authority))).build(), true);
    }

    @Given("an individual enrollment {string} for its self-signed {keyType} certificate")
    public void individualSelfSigned(String registrationId, KeyType keyType) {
        HeldCertificate device = HeldCertificate.builder().commonName(target.id(registrationId)).keyType(keyType).clientAuth().build();
        world.authorities().put("self:" + registrationId, device);
        putEnrollment(registrationId, Enrollments.x509(device.certificate()), Optional.empty(), true);
    }

    @Given("an individual enrollment {string} for its certificate from {string}")
    public void individualFromAuthority(String registrationId, String authority) {
        HeldCertificate device = DeviceSteps.issue(authority(authority), target.id(registrationId));
        world.authorities().put("issued:" + registrationId, device);
        putEnrollment(registrationId, Enrollments.x509(device.certificate()), Optional.empty(), true);
    }

    HeldCertificate authority(String name) {
        HeldCertificate intermediate = world.authorities().get(name);
        if (intermediate == null) {
            throw new AssertionError("no CA '" + name + "' in this scenario; create it first (the CAs are " + world.authorities().keySet() + ")");
        }
        return intermediate;
    }

    private void createAuthority(KeyType keyType, String name, boolean verified) {
        HeldCertificate root = HeldCertificate.builder().commonName(name).keyType(keyType).certificateAuthority().build();
        HeldCertificate intermediate = HeldCertificate.builder().commonName(name + " intermediate").keyType(keyType)
                .certificateAuthority(0).signedBy(root).build();
        target.uploadCaCertificate(name, root.certificate(), verified);
        world.authorities().put(name, intermediate);
    }

    private void putEnrollment(String registrationId, JsonObject attestation, Optional<String> deviceId, boolean enabled) {
        JsonObjectBuilder body = Jsonp.createObjectBuilder().add("registrationId", target.id(registrationId)).add("attestation", attestation)
                .add("provisioningStatus", enabled ? "enabled" : "disabled");
        deviceId.ifPresent(id -> body.add("deviceId", target.id(id)));
        world.enroll(body.build());
        rememberKey(registrationId, attestation);
    }

    private void putGroup(String groupId, JsonObject attestation, boolean enabled) {
        world.enrollGroup(Jsonp.createObjectBuilder().add("enrollmentGroupId", target.id(groupId)).add("attestation", attestation)
                .add("provisioningStatus", enabled ? "enabled" : "disabled").build());
        rememberKey(groupId, attestation);
    }

    /** The keys are made here, not by DPS, so they are known without asking for the attestation back. */
    private void rememberKey(String name, JsonObject attestation) {
        JsonObject symmetricKey = attestation.getJsonObject("symmetricKey");
        if (symmetricKey != null) {
            world.keys().put(name, symmetricKey.getString("primaryKey"));
        }
    }
}
