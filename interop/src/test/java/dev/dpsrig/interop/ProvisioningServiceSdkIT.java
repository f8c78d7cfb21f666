package dev.dpsrig.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientRegistrationResult;
import com.microsoft.azure.sdk.iot.provisioning.security.SecurityProviderSymmetricKey;
import com.microsoft.azure.sdk.iot.provisioning.service.ProvisioningServiceClient;
import com.microsoft.azure.sdk.iot.provisioning.service.Query;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.AttestationMechanism;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.AttestationMechanismType;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.BulkEnrollmentOperationResult;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.BulkOperationMode;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.DeviceRegistrationState;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.EnrollmentGroup;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.EnrollmentStatus;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.IndividualEnrollment;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.ProvisioningStatus;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.QueryResult;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.QueryResultType;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.QuerySpecification;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.QuerySpecificationBuilder;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.SymmetricKeyAttestation;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.X509Attestation;
import com.microsoft.azure.sdk.iot.provisioning.service.exceptions.ProvisioningServiceClientNotFoundException;
import com.microsoft.azure.sdk.iot.provisioning.service.exceptions.ProvisioningServiceClientPreconditionFailedException;
import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.simulator.server.LocalSimulator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The official Azure IoT Java provisioning service SDK, created from the {@code serviceConnectionString}
 * in dev-settings.json as it stands, managing enrollments, groups and registration states on the simulator.
 */
@Tag(TrustStores.JVM_TRUST_STORE_TAG)
class ProvisioningServiceSdkIT {
    private static final String BASE_ADDRESS = "127.0.43.1";

    private static LocalSimulator simulator;
    private static DevSettings settings;
    private static ProvisioningServiceClient service;

    @BeforeAll
    static void start() {
        simulator = SdkSimulator.start(BASE_ADDRESS);
        settings = DevSettings.read(simulator.devSettingsFile());
        TrustStores.intoJvmTrustStore(settings.trustedRootCertificate());
        service = ProvisioningServiceClient.createFromConnectionString(settings.serviceConnectionString());
    }

    @AfterAll
    static void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void individualEnrollmentCreateGetUpdateWithEtagsAndDelete() throws Exception {
        String registrationId = "svc-sdk-individual";
        IndividualEnrollment created = service.createOrUpdateIndividualEnrollment(
                new IndividualEnrollment(registrationId, new SymmetricKeyAttestation(null, null)));
        assertThat(created.getRegistrationId()).isEqualTo(registrationId);
        assertThat(created.getEtag()).isNotBlank();
        SymmetricKeyAttestation generated = (SymmetricKeyAttestation) created.getAttestation();
        assertThat(generated.getPrimaryKey()).isNotBlank();
        assertThat(generated.getSecondaryKey()).isNotBlank();

        IndividualEnrollment fetched = service.getIndividualEnrollment(registrationId);
        assertThat(fetched.getEtag()).isEqualTo(created.getEtag());
        assertThat(fetched.getProvisioningStatus()).isEqualTo(ProvisioningStatus.ENABLED);

        fetched.setProvisioningStatus(ProvisioningStatus.DISABLED);
        IndividualEnrollment updated = service.createOrUpdateIndividualEnrollment(fetched);
        assertThat(updated.getProvisioningStatus()).isEqualTo(ProvisioningStatus.DISABLED);
        assertThat(updated.getEtag()).isNotBlank().isNotEqualTo(created.getEtag());

        created.setProvisioningStatus(ProvisioningStatus.ENABLED);
        assertThatThrownBy(() -> service.createOrUpdateIndividualEnrollment(created))
                .as("an update carrying a stale etag")
                .isInstanceOf(ProvisioningServiceClientPreconditionFailedException.class);
        assertThatThrownBy(() -> service.deleteIndividualEnrollment(registrationId, created.getEtag()))
                .as("a delete carrying a stale etag")
                .isInstanceOf(ProvisioningServiceClientPreconditionFailedException.class);
        assertThat(service.getIndividualEnrollment(registrationId).getProvisioningStatus()).isEqualTo(ProvisioningStatus.DISABLED);

        service.deleteIndividualEnrollment(updated);
        assertThatThrownBy(() -> service.getIndividualEnrollment(registrationId))
                .isInstanceOf(ProvisioningServiceClientNotFoundException.class);
    }

    @Test
    void enrollmentGroupCreateGetUpdateWithEtagsAndDelete() throws Exception {
        String groupId = "svc-sdk-group";
        HeldCertificate root = HeldCertificate.builder().commonName("svc sdk group CA").certificateAuthority().build();
        EnrollmentGroup created = service.createOrUpdateEnrollmentGroup(
                new EnrollmentGroup(groupId, X509Attestation.createFromRootCertificates(root.certificatePem())));
        assertThat(created.getEnrollmentGroupId()).isEqualTo(groupId);
        assertThat(created.getEtag()).isNotBlank();

        EnrollmentGroup fetched = service.getEnrollmentGroup(groupId);
        assertThat(fetched.getEtag()).isEqualTo(created.getEtag());
        assertThat(((X509Attestation) fetched.getAttestation()).getPrimaryX509CertificateInfo().getSubjectName())
                .isEqualTo("CN=svc sdk group CA");

        fetched.setProvisioningStatus(ProvisioningStatus.DISABLED);
        EnrollmentGroup updated = service.createOrUpdateEnrollmentGroup(fetched);
        assertThat(updated.getProvisioningStatus()).isEqualTo(ProvisioningStatus.DISABLED);
        assertThat(updated.getEtag()).isNotBlank().isNotEqualTo(created.getEtag());

        assertThatThrownBy(() -> service.createOrUpdateEnrollmentGroup(created))
                .as("an update carrying a stale etag")
                .isInstanceOf(ProvisioningServiceClientPreconditionFailedException.class);
        assertThatThrownBy(() -> service.deleteEnrollmentGroup(groupId, created.getEtag()))
                .as("a delete carrying a stale etag")
                .isInstanceOf(ProvisioningServiceClientPreconditionFailedException.class);

        service.deleteEnrollmentGroup(updated);
        assertThatThrownBy(() -> service.getEnrollmentGroup(groupId))
                .isInstanceOf(ProvisioningServiceClientNotFoundException.class);
    }

    @Test
    void bulkCreateThenQueryInPagesSmallerThanTheResultThenBulkDelete() throws Exception {
        List<IndividualEnrollment> enrollments = IntStream.rangeClosed(1, 5)
                .mapToObj(i -> new IndividualEnrollment("svc-sdk-bulk-" + i, new SymmetricKeyAttestation(null, null)))
                .toList();

        BulkEnrollmentOperationResult created = service.runBulkEnrollmentOperation(BulkOperationMode.CREATE, enrollments);
        assertThat(created.getSuccessful()).as(created.toString()).isTrue();
        assertThat(created.getErrors()).isEmpty();
        assertThat(service.getIndividualEnrollment("svc-sdk-bulk-3").getRegistrationId()).isEqualTo("svc-sdk-bulk-3");

        QuerySpecification all = new QuerySpecificationBuilder("*", QuerySpecificationBuilder.FromType.ENROLLMENTS).createSqlQuery();
        Query query = service.createIndividualEnrollmentQuery(all, 2);
        List<String> seen = new ArrayList<>();
        List<String> continuationTokens = new ArrayList<>();
        while (query.hasNext()) {
            QueryResult page = query.next();
            assertThat(page.getType()).isEqualTo(QueryResultType.ENROLLMENT);
            assertThat(page.getItems()).hasSizeLessThanOrEqualTo(2);
            for (Object item : page.getItems()) {
                seen.add(((IndividualEnrollment) item).getRegistrationId());
            }
            if (page.getContinuationToken() != null) {
                continuationTokens.add(page.getContinuationToken());
            }
            assertThat(seen).as("the query ends").hasSizeLessThan(100);
        }
        assertThat(seen).contains("svc-sdk-bulk-1", "svc-sdk-bulk-2", "svc-sdk-bulk-3", "svc-sdk-bulk-4", "svc-sdk-bulk-5")
                .doesNotHaveDuplicates();
        assertThat(continuationTokens).as("pages of 2 over at least 5 enrollments").hasSizeGreaterThanOrEqualTo(2);

        BulkEnrollmentOperationResult deleted = service.runBulkEnrollmentOperation(BulkOperationMode.DELETE, enrollments);
        assertThat(deleted.getSuccessful()).as(deleted.toString()).isTrue();
        for (IndividualEnrollment enrollment : enrollments) {
            assertThatThrownBy(() -> service.getIndividualEnrollment(enrollment.getRegistrationId()))
                    .isInstanceOf(ProvisioningServiceClientNotFoundException.class);
        }
    }

    @Test
    void registrationStateOfARegisteredDeviceCanBeReadAndDeleted() throws Exception {
        String registrationId = "svc-sdk-registered";
        IndividualEnrollment enrollment = service.createOrUpdateIndividualEnrollment(
                new IndividualEnrollment(registrationId, new SymmetricKeyAttestation(null, null)));
        String key = ((SymmetricKeyAttestation) enrollment.getAttestation()).getPrimaryKey();
        ProvisioningDeviceClientRegistrationResult registered = DeviceRoundTrip.register(settings, registrationId,
                new SecurityProviderSymmetricKey(key.getBytes(StandardCharsets.UTF_8), registrationId));

        DeviceRegistrationState state = service.getDeviceRegistrationState(registrationId);
        assertThat(state.getRegistrationId()).isEqualTo(registrationId);
        assertThat(state.getDeviceId()).isEqualTo(registrationId);
        assertThat(state.getStatus()).isEqualTo(EnrollmentStatus.ASSIGNED);
        assertThat(state.getAssignedHub()).isEqualTo(registered.getIothubUri()).isEqualTo(settings.hubs().getFirst().hostName());
        assertThat(state.getEtag()).isNotBlank();

        service.deleteDeviceRegistrationState(state);
        assertThatThrownBy(() -> service.getDeviceRegistrationState(registrationId))
                .isInstanceOf(ProvisioningServiceClientNotFoundException.class);
    }

    @Test
    void attestationMechanismsShowTheKeysAndCertificates() throws Exception {
        IndividualEnrollment enrollment = service.createOrUpdateIndividualEnrollment(
                new IndividualEnrollment("svc-sdk-attestation", new SymmetricKeyAttestation(null, null)));
        AttestationMechanism individual = service.getIndividualEnrollmentAttestationMechanism("svc-sdk-attestation");
        assertThat(individual.getType()).isEqualTo(AttestationMechanismType.SYMMETRIC_KEY);
        assertThat(((SymmetricKeyAttestation) individual.getAttestation()).getPrimaryKey())
                .isEqualTo(((SymmetricKeyAttestation) enrollment.getAttestation()).getPrimaryKey());

        HeldCertificate root = HeldCertificate.builder().commonName("svc sdk attestation CA").certificateAuthority().build();
        service.createOrUpdateEnrollmentGroup(new EnrollmentGroup("svc-sdk-attestation-group",
                X509Attestation.createFromRootCertificates(root.certificatePem())));
        AttestationMechanism group = service.getEnrollmentGroupAttestationMechanism("svc-sdk-attestation-group");
        assertThat(group.getType()).isEqualTo(AttestationMechanismType.X509);
        assertThat(((X509Attestation) group.getAttestation()).getPrimaryX509CertificateInfo().getSubjectName())
                .isEqualTo("CN=svc sdk attestation CA");
    }
}
