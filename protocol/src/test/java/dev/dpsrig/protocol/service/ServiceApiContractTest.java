package dev.dpsrig.protocol.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.WireFormatException;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The DPS service API's bodies as both sides read and write them, api-version 2021-10-01. */
class ServiceApiContractTest {
    private static final String ENROLLMENT = """
            {"registrationId":"dev-1","deviceId":"device-1","attestation":{"type":"symmetricKey","symmetricKey":\
            {"primaryKey":"cHJpbWFyeQ==","secondaryKey":"c2Vjb25kYXJ5"}},"capabilities":{"iotEdge":true},\
            "iotHubs":["hub-a.azure-devices.net","hub-b.azure-devices.net"],"allocationPolicy":"custom",\
            "customAllocationDefinition":{"webhookUrl":"https://example.com/allocate","apiVersion":"2021-10-01"},\
            "initialTwin":{"tags":{"floor":3},"properties":{"desired":{"rate":5}}},\
            "reprovisionPolicy":{"updateHubAssignment":true,"migrateDeviceData":false},"provisioningStatus":"disabled",\
            "etag":"IjEi","createdDateTimeUtc":"2024-05-01T10:00:00.0000000Z","lastUpdatedDateTimeUtc":"2024-05-02T10:00:00.1234567Z"}""";

    private static final String GROUP = """
            {"enrollmentGroupId":"boards","attestation":{"type":"x509","x509":{"signingCertificates":{"primary":\
            {"certificate":"-----BEGIN CERTIFICATE-----","info":{"subjectName":"CN=root","sha1Thumbprint":"AB",\
            "sha256Thumbprint":"CD","issuerName":"CN=root","notBeforeUtc":"2024-01-01T00:00:00.0000000Z",\
            "notAfterUtc":"2025-01-01T00:00:00.0000000Z","serialNumber":"0A","version":3}}}}},\
            "capabilities":{"iotEdge":false},"reprovisionPolicy":{"updateHubAssignment":true,"migrateDeviceData":true},\
            "provisioningStatus":"enabled","etag":"IjIi","createdDateTimeUtc":"2024-05-01T10:00:00.0000000Z",\
            "lastUpdatedDateTimeUtc":"2024-05-01T10:00:00.0000000Z"}""";

    @Test
    void anEnrollmentReadsIntoTypedFieldsAndWritesBackAsItCame() {
        IndividualEnrollment enrollment = IndividualEnrollment.fromJson(json(ENROLLMENT));

        assertThat(enrollment.deviceId()).contains("device-1");
        assertThat(enrollment.attestation()).isEqualTo(SymmetricKeyAttestation.of("cHJpbWFyeQ==", "c2Vjb25kYXJ5"));
        EnrollmentSettings settings = enrollment.settings();
        assertThat(settings.iotHubs()).containsExactly("hub-a.azure-devices.net", "hub-b.azure-devices.net");
        assertThat(settings.capabilities()).contains(new DeviceCapabilities(true));
        assertThat(settings.customAllocationDefinition().orElseThrow().webhookUrl()).isEqualTo("https://example.com/allocate");
        assertThat(settings.reprovisionPolicy()).contains(new ReprovisionPolicy(true, false));
        assertThat(settings.initialTwin().orElseThrow().getJsonObject("tags").getInt("floor")).isEqualTo(3);
        assertThat(enrollment.revision().lastUpdatedDateTimeUtc()).contains(Instant.parse("2024-05-02T10:00:00.1234567Z"));
        assertThat(enrollment.toJson().toString()).isEqualTo(json(ENROLLMENT).toString());
        assertThat(IndividualEnrollment.fromJson(enrollment.toJson())).isEqualTo(enrollment);
    }

    @Test
    void aGroupWithSigningCertificatesRoundTrips() {
        EnrollmentGroup group = EnrollmentGroup.fromJson(json(GROUP));

        X509Attestation x509 = (X509Attestation) group.attestation();
        X509CertificateWithInfo primary = x509.signingCertificates().orElseThrow().primary();
        assertThat(primary.certificate()).contains("-----BEGIN CERTIFICATE-----");
        assertThat(primary.info().orElseThrow().subjectName()).isEqualTo("CN=root");
        assertThat(x509.clientCertificates()).isEmpty();
        assertThat(group.toJson().toString()).isEqualTo(json(GROUP).toString());
    }

    @Test
    void aRequestMadeOfRecordsIsTheBodyAClientWouldWrite() {
        EnrollmentGroup group = EnrollmentGroup.of("cas", X509Attestation.caReferences(new X509CaReferences("root", Optional.of("next"))),
                EnrollmentSettings.NONE.withProvisioningStatus("enabled"));

        assertThat(group.toJson().toString()).isEqualTo("""
                {"enrollmentGroupId":"cas","attestation":{"type":"x509","x509":{"caReferences":\
                {"primary":"root","secondary":"next"}}},"provisioningStatus":"enabled"}""");
        assertThat(EnrollmentGroup.fromJson(group.toJson())).isEqualTo(group);
        assertThat(IndividualEnrollment.of("d", SymmetricKeyAttestation.withoutKeys(), EnrollmentSettings.NONE).toJson().toString())
                .isEqualTo("{\"registrationId\":\"d\",\"attestation\":{\"type\":\"symmetricKey\",\"symmetricKey\":{}}}");
    }

    @Test
    void aPutBodyMayLeaveTheIdToThePathButNotNameAnother() {
        assertThat(IndividualEnrollment.fromJson("Dev-1", json("{\"attestation\":{\"type\":\"tpm\"}}")).attestation())
                .isEqualTo(new TpmAttestation(Optional.empty(), Optional.empty()));
        assertThat(IndividualEnrollment.fromJson("DEV-1", json("{\"registrationId\":\"dev-1\",\"attestation\":{\"type\":\"symmetricKey\"}}"))
                .registrationId()).isEqualTo("DEV-1");
        assertThatThrownBy(() -> EnrollmentGroup.fromJson("g", json("{\"enrollmentGroupId\":\"h\"}")))
                .isInstanceOf(WireFormatException.class).hasMessage("enrollmentGroupId 'h' in the body differs from 'g' in the path");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}                                                                  | 'attestation' is required",
            "{'attestation':{}}                                                  | 'attestation.type' is required",
            "{'attestation':{'type':'sas'}}                                      | attestation type 'sas' is not one of symmetricKey, x509",
            "{'attestation':{'type':'x509'}}                                     | 'attestation.x509' is required for type x509",
            "{'attestation':{'type':'x509','x509':{'clientCertificates':{}}}}    | 'clientCertificates.primary' is required",
            "{'attestation':{'type':'x509','x509':{'caReferences':{}}}}          | 'caReferences.primary' is required",
            "{'attestation':{'type':'symmetricKey','symmetricKey':[]}}           | 'symmetricKey' must be an object",
            "{'attestation':{'type':'symmetricKey'},'deviceId':7}                | 'deviceId' must be a string",
            "{'attestation':{'type':'symmetricKey'},'iotHubs':'hub'}             | 'iotHubs' must be an array of strings",
            "{'attestation':{'type':'symmetricKey'},'provisioningStatus':'off'}  | provisioningStatus 'off' is not enabled or disabled",
            "{'attestation':{'type':'symmetricKey'},'customAllocationDefinition':{}} | 'customAllocationDefinition.webhookUrl' is required",
            "{'attestation':{'type':'symmetricKey'},'capabilities':{'iotEdge':1}} | 'iotEdge' must be true or false"})
    void aMalformedBodyIsRefusedNamingTheField(String body, String message) {
        assertThatThrownBy(() -> IndividualEnrollment.fromJson("d", json(body.replace('\'', '"'))))
                .isInstanceOf(WireFormatException.class).hasMessage(message);
    }

    @Test
    void aBulkOperationKeepsEachItemsBodyForTheServiceToReadAlone() {
        JsonObject wire = json("""
                {"mode":"updateIfMatchETag","enrollments":[{"registrationId":"a","etag":"e1","attestation":7},\
                {"registrationId":"b"}]}""");

        BulkEnrollmentOperation operation = BulkEnrollmentOperation.fromJson(wire, BulkEnrollmentOperation.Target.ENROLLMENTS);

        assertThat(operation.mode()).isEqualTo("updateIfMatchETag");
        assertThat(operation.items()).extracting(BulkEnrollmentOperation.Item::id).containsExactly("a", "b");
        assertThat(operation.items().getFirst().etag()).contains("e1");
        assertThat(operation.toJson()).isEqualTo(wire);
        assertThatThrownBy(() -> BulkEnrollmentOperation.fromJson(json("{\"mode\":\"create\",\"enrollmentGroups\":[{}]}"),
                BulkEnrollmentOperation.Target.ENROLLMENT_GROUPS))
                .isInstanceOf(WireFormatException.class).hasMessage("every item of 'enrollmentGroups' needs 'enrollmentGroupId'");
        assertThatThrownBy(() -> BulkEnrollmentOperation.fromJson(json("{\"enrollments\":[]}"), BulkEnrollmentOperation.Target.ENROLLMENTS))
                .isInstanceOf(WireFormatException.class).hasMessage("a bulk operation needs 'mode' and a 'enrollments' array");
    }

    @Test
    void aBulkResultNamesEachFailedItemByItsIdMember() {
        var result = new BulkEnrollmentOperationResult(BulkEnrollmentOperation.Target.ENROLLMENT_GROUPS,
                List.of(new BulkEnrollmentOperationResult.Error("g1", 409201, "Conflict")));

        assertThat(result.toJson().toString()).isEqualTo(
                "{\"isSuccessful\":false,\"errors\":[{\"enrollmentGroupId\":\"g1\",\"errorCode\":409201,\"errorStatus\":\"Conflict\"}]}");
        assertThat(BulkEnrollmentOperationResult.fromJson(result.toJson(), BulkEnrollmentOperation.Target.ENROLLMENT_GROUPS))
                .isEqualTo(result);
        assertThat(new BulkEnrollmentOperationResult(BulkEnrollmentOperation.Target.ENROLLMENTS, List.of()).isSuccessful()).isTrue();
    }

    @Test
    void aCaCertificateAndTheListOfThemRoundTrip() {
        JsonObject wire = json("""
                {"name":"root","etag":"IjMi","type":"Microsoft.Devices/provisioningServices/Certificates","properties":\
                {"subject":"root","expiry":"2030-01-01T00:00:00.0000000Z","thumbprint":"AB","isVerified":false,\
                "created":"2024-05-01T10:00:00.0000000Z","updated":"2024-05-01T10:00:00.0000000Z",\
                "certificate":"-----BEGIN CERTIFICATE-----","verificationCode":"C0DE"}}""");

        CertificateResponse certificate = CertificateResponse.fromJson(wire);

        assertThat(certificate.properties().verificationCode()).contains("C0DE");
        assertThat(certificate.toJson().toString()).isEqualTo(wire.toString());
        CertificateList list = new CertificateList(List.of(certificate));
        assertThat(CertificateList.fromJson(list.toJson())).isEqualTo(list);
    }

    @Test
    void aCertificateUploadIsReadFlatOrInTheManagementPlanesForm() {
        assertThat(CertificateRequest.fromJson(json("{\"properties\":{\"certificate\":\"PEM\",\"isVerified\":true}}")))
                .isEqualTo(CertificateRequest.upload("PEM", true));
        assertThat(CertificateRequest.proof("PEM").toJson().toString()).isEqualTo("{\"certificate\":\"PEM\"}");
        assertThat(CertificateRequest.fromJson(json("{\"certificate\":\"PEM\",\"isVerified\":\"yes\"}")).verified()).isFalse();
        assertThatThrownBy(() -> CertificateRequest.fromJson(json("{\"certificate\":1}")))
                .isInstanceOf(WireFormatException.class).hasMessage("'certificate' (PEM or base64) is required");
    }

    private static JsonObject json(String text) {
        return Jsonp.createReader(new StringReader(text)).readObject();
    }
}
