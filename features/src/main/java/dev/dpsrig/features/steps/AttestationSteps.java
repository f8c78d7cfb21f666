package dev.dpsrig.features.steps;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.KeyType;
import dev.dpsrig.emulator.device.DeviceAttestation;
import dev.dpsrig.protocol.service.X509Attestation;
import dev.dpsrig.protocol.service.X509CaReferences;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One step per way of enrolling a device, so that a scenario outline can run the same provisioning
 * story over every attestation, enrollment kind and key type.
 */
public final class AttestationSteps {
    private final DeviceRoster devices;
    private final Credentials credentials;
    private final Enrollments enrollments;
    private final Map<String, DeviceAttestation> attestations = new LinkedHashMap<>();

    public AttestationSteps(DeviceRoster devices, Credentials credentials, Enrollments enrollments) {
        this.devices = devices;
        this.credentials = credentials;
        this.enrollments = enrollments;
    }

    @Given("device {string} is enrolled {route} with a symmetric key")
    public void enrolledWithSymmetricKey(String registrationId, EnrollmentRoute route) {
        switch (route) {
            case INDIVIDUAL -> {
                enrollments.putIndividual(registrationId, Enrollments.symmetricKey(), JsonValue.EMPTY_JSON_OBJECT);
                attestations.put(registrationId, DeviceAttestation.SymmetricKey.individual(registrationId, credentials.key(registrationId)));
            }
            case GROUP -> {
                String groupId = registrationId + "-group";
                enrollments.putGroup(groupId, Enrollments.symmetricKey(), JsonValue.EMPTY_JSON_OBJECT);
                attestations.put(registrationId, DeviceAttestation.SymmetricKey.fromGroupKey(registrationId, credentials.key(groupId)));
            }
            default -> throw new IllegalArgumentException("a symmetric key is enrolled individually or in a group, not " + route);
        }
    }

    /** The CA, when there is one, is named after the device: {@code <device>-ca}. */
    @Given("device {string} is enrolled {route} with an {keyType} certificate")
    public void enrolledWithCertificate(String registrationId, EnrollmentRoute route, KeyType keyType) {
        String authority = registrationId + "-ca";
        HeldCertificate device = switch (route) {
            case SELF_SIGNED -> {
                HeldCertificate selfSigned = HeldCertificate.builder().commonName(registrationId).keyType(keyType).clientAuth().build();
                enrollments.putIndividual(registrationId, Enrollments.x509(selfSigned.certificate()), JsonValue.EMPTY_JSON_OBJECT);
                yield selfSigned;
            }
            case CHAIN -> {
                credentials.uploadedAuthority(authority, keyType, true);
                HeldCertificate leaf = leaf(registrationId, keyType, credentials.authority(authority));
                enrollments.putIndividual(registrationId, Enrollments.x509(leaf.certificate()), JsonValue.EMPTY_JSON_OBJECT);
                yield leaf;
            }
            case INTERMEDIATE_GROUP -> {
                credentials.uploadedAuthority(authority, keyType, true);
                enrollments.putGroup(registrationId + "-group", Enrollments.x509(credentials.authority(authority).certificate()),
                        JsonValue.EMPTY_JSON_OBJECT);
                yield leaf(registrationId, keyType, credentials.authority(authority));
            }
            case ROOT_REFERENCE_GROUP -> {
                credentials.uploadedAuthority(authority, keyType, true);
                enrollments.putGroup(registrationId + "-group", X509Attestation.caReferences(new X509CaReferences(authority, Optional.empty())),
                        JsonValue.EMPTY_JSON_OBJECT);
                yield leaf(registrationId, keyType, credentials.authority(authority));
            }
            default -> throw new IllegalArgumentException("a certificate is enrolled self-signed, with a chain, or in a group, not " + route);
        };
        attestations.put(registrationId, DeviceAttestation.X509.of(device));
    }

    @When("device {string} registers with its credentials")
    public void registers(String registrationId) {
        DeviceAttestation attestation = attestations.get(registrationId);
        if (attestation == null) {
            throw new AssertionError("device '" + registrationId + "' was not enrolled by a 'device ... is enrolled ...' step;"
                    + " enrolled: " + attestations.keySet());
        }
        devices.register(registrationId, attestation, Optional.empty());
    }

    /** A device certificate of the requested key type, issued by the CA's intermediate; it presents leaf and issuers. */
    private static HeldCertificate leaf(String registrationId, KeyType keyType, HeldCertificate intermediate) {
        return HeldCertificate.builder().commonName(registrationId).keyType(keyType).clientAuth().signedBy(intermediate).build();
    }
}
