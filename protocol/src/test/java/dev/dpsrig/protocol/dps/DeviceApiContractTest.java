package dev.dpsrig.protocol.dps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.RegistrationStatus;
import dev.dpsrig.protocol.Substatus;
import dev.dpsrig.protocol.WireFormatException;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The DPS device API's bodies as both sides read and write them, with DPS's own samples as the reference. */
class DeviceApiContractTest {
    /** An assigned X.509 group device's operation answer, as DPS documents it (values shortened). */
    private static final String ASSIGNED = """
            {"operationId":"5.316aac5bdc130deb.b1e02da8-c3a0-4ff2-a121-7ea7a6b7f550","status":"assigned",\
            "registrationState":{"x509":{"enrollmentGroupId":"contoso-devices","certificateInfo":{"subjectName":"CN=my-device",\
            "sha1Thumbprint":"AB","sha256Thumbprint":"CD","issuerName":"CN=Contoso CA","notBeforeUtc":"2024-01-01T00:00:00Z",\
            "notAfterUtc":"2025-01-01T00:00:00Z","serialNumber":"0A","version":3}},"registrationId":"my-device",\
            "createdDateTimeUtc":"2022-08-31T22:02:50.5163352Z","assignedHub":"contoso-hub-2.azure-devices.net",\
            "deviceId":"my-device","status":"assigned","substatus":"initialAssignment",\
            "lastUpdatedDateTimeUtc":"2022-08-31T22:02:50.7245243Z","etag":"IjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMCI="}}""";

    @Test
    void anAssignedAnswerReadsIntoTypedFieldsAndWritesBackAsItCame() {
        JsonObject wire = json(ASSIGNED);

        RegistrationOperationStatus operation = RegistrationOperationStatus.fromJson(wire);

        assertThat(operation.status()).isEqualTo(RegistrationStatus.ASSIGNED);
        DeviceRegistrationResult state = operation.registrationState().orElseThrow();
        assertThat(state.assignedHub()).contains("contoso-hub-2.azure-devices.net");
        assertThat(state.substatus()).contains(Substatus.INITIAL_ASSIGNMENT);
        assertThat(state.createdDateTimeUtc()).contains(Instant.parse("2022-08-31T22:02:50.5163352Z"));
        AttestationResult attestation = state.attestation().orElseThrow();
        assertThat(attestation.type()).isEqualTo("x509");
        assertThat(attestation.enrollmentGroupId()).contains("contoso-devices");
        assertThat(attestation.certificateInfo().orElseThrow().issuerName()).isEqualTo("CN=Contoso CA");
        assertThat(operation.toJson().getJsonObject("registrationState").keySet())
                .as("members in DPS's order").containsExactlyElementsOf(wire.getJsonObject("registrationState").keySet());
        assertThat(RegistrationOperationStatus.fromJson(operation.toJson())).isEqualTo(operation);
    }

    @Test
    void whatDpsMayAddOrLeaveOutIsToleratedButAStatusIsRequired() {
        DeviceRegistrationResult newer = DeviceRegistrationResult.fromJson(json("""
                {"registrationId":"d","status":"assigned","substatus":"someFutureSubstatus","trust":{"x":1},"errorCode":"not a number"}"""));

        assertThat(newer.substatus()).as("an unknown substatus counts as absent").isEmpty();
        assertThat(newer.errorCode()).isEmpty();
        assertThat(newer.attestation()).isEmpty();
        assertThatThrownBy(() -> RegistrationOperationStatus.fromJson(json("{\"operationId\":\"1\"}")))
                .isInstanceOf(WireFormatException.class).hasMessage("an operation status has no string field 'status'");
        assertThatThrownBy(() -> RegistrationOperationStatus.fromJson(json("{\"operationId\":\"1\",\"status\":\"pending\"}")))
                .isInstanceOf(WireFormatException.class).hasMessage("an operation status has an unknown status 'pending'");
    }

    @Test
    void anAssigningAnswerWithoutOperationIdSaysSo() {
        RegistrationOperationStatus answer = RegistrationOperationStatus.fromJson(json("{\"status\":\"assigning\"}"));

        assertThat(answer.operationId()).isEmpty();
        assertThat(answer.registrationState()).isEmpty();
    }

    @Test
    void aRegisterBodyMayComeWithoutTheRegistrationId() {
        assertThat(DeviceRegistration.fromJson(json("{}"))).isEqualTo(new DeviceRegistration(Optional.empty(), Optional.empty()));
        DeviceRegistration withPayload = DeviceRegistration.fromJson(json("{\"registrationId\":\"d\",\"payload\":{\"model\":\"x\"}}"));
        assertThat(withPayload.payload().orElseThrow().toString()).isEqualTo("{\"model\":\"x\"}");
        assertThat(withPayload.toJson().toString()).isEqualTo("{\"registrationId\":\"d\",\"payload\":{\"model\":\"x\"}}");
    }

    @Test
    void anErrorBodyIsReadFieldByFieldAndNothingFromText() {
        DpsErrorBody error = new DpsErrorBody(401002, "t-1", "the SAS token has expired", Instant.parse("2026-01-02T03:04:05Z"));

        DpsErrorBody.Read read = DpsErrorBody.read(error.toJson().toString());

        assertThat(read).isEqualTo(new DpsErrorBody.Read(Optional.of(401002), Optional.of("t-1"), Optional.of("the SAS token has expired")));
        assertThat(error.toJson().getString("timestampUtc")).isEqualTo("2026-01-02T03:04:05.0000000Z");
        assertThat(DpsErrorBody.read("Bad Gateway").message()).isEmpty();
    }

    private static JsonObject json(String text) {
        return Jsonp.createReader(new StringReader(text)).readObject();
    }
}
