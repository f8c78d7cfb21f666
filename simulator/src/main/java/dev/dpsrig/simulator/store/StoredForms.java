package dev.dpsrig.simulator.store;

import dev.dpsrig.certs.Certificates;
import dev.dpsrig.protocol.DpsTimestamps;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.RegistrationStatus;
import dev.dpsrig.protocol.Substatus;
import dev.dpsrig.simulator.dps.CaCertificate;
import dev.dpsrig.simulator.dps.EnrollmentGroup;
import dev.dpsrig.simulator.dps.HubDevice;
import dev.dpsrig.simulator.dps.IndividualEnrollment;
import dev.dpsrig.simulator.dps.Operation;
import dev.dpsrig.simulator.dps.Registration;
import dev.dpsrig.simulator.dps.Revision;
import dev.dpsrig.simulator.json.EnrollmentJson;
import dev.dpsrig.simulator.json.JsonFields;
import dev.dpsrig.simulator.json.ServiceJson;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The stored form of the DPS's records: the service API's JSON shape of each (see {@link ServiceJson}),
 * and, where that shape leaves something out, what is needed to read the record back. Enrollments and
 * groups are stored with their keys; a registration with its stored etag, attestation type, presented
 * certificate and first hub, and while it is being assigned, with the operation that is to complete it.
 */
final class StoredForms {
    private static final Logger LOG = Logger.getLogger(StoredForms.class.getName());

    private StoredForms() {
    }

    static JsonObject toStored(IndividualEnrollment enrollment) {
        return EnrollmentJson.toJson(enrollment, true);
    }

    static IndividualEnrollment enrollment(JsonObject stored) {
        String registrationId = stored.getString("registrationId");
        return EnrollmentJson.enrollmentDraft(registrationId, stored).complete(registrationId, revision(stored));
    }

    static JsonObject toStored(EnrollmentGroup group) {
        return EnrollmentJson.toJson(group, true);
    }

    static EnrollmentGroup group(JsonObject stored) {
        String groupId = stored.getString("enrollmentGroupId");
        return EnrollmentJson.groupDraft(groupId, stored).complete(groupId, revision(stored));
    }

    static JsonObject toStored(CaCertificate ca) {
        return ServiceJson.certificate(ca).toJson();
    }

    static CaCertificate caCertificate(JsonObject stored) {
        JsonObject properties = stored.getJsonObject("properties");
        return new CaCertificate(
                stored.getString("name"),
                ServiceJson.parseCertificate(properties.getString("certificate"), "properties.certificate"),
                properties.getBoolean("isVerified"),
                JsonFields.string(properties, "verificationCode"),
                new Revision(stored.getString("etag"),
                        DpsTimestamps.parse(properties.getString("created")),
                        DpsTimestamps.parse(properties.getString("updated"))));
    }

    /**
     * A registration as stored: its wire form plus what is needed to read it back, and for one being
     * assigned, the operation that is to complete it, outcome decided, so that a restart ends it as it
     * would have ended. Neither the service API nor the device API ever shows the operation.
     */
    static JsonObject toStored(Registration registration) {
        JsonObjectBuilder out = Jsonp.createObjectBuilder(ServiceJson.toJson(registration))
                .add("storedEtag", registration.revision().etag())
                .add("attestationType", registration.attestationType());
        registration.certificate().ifPresent(c -> out.add("certificatePem", Certificates.toPem(c)));
        registration.firstAssignedHub().ifPresent(hub -> out.add("firstAssignedHub", hub));
        if (registration.state() instanceof Registration.Assigning assigning) {
            assigning.operation().ifPresent(operation -> out.add("operation", toStored(operation)));
        }
        return out.build();
    }

    static Registration registration(JsonObject stored) {
        String type = stored.getString("attestationType");
        JsonObject attestation = JsonFields.object(stored, type).orElse(JsonObject.EMPTY_JSON_OBJECT);
        return new Registration(
                stored.getString("registrationId"),
                stored.getString("deviceId"),
                type,
                JsonFields.string(attestation, "enrollmentGroupId"),
                JsonFields.string(stored, "certificatePem").map(pem -> ServiceJson.parseCertificate(pem, "certificatePem")),
                JsonFields.string(stored, "firstAssignedHub"),
                state(stored),
                new Revision(stored.getString("storedEtag"),
                        DpsTimestamps.parse(stored.getString("createdDateTimeUtc")),
                        DpsTimestamps.parse(stored.getString("lastUpdatedDateTimeUtc"))));
    }

    private static Registration.State state(JsonObject stored) {
        RegistrationStatus status = RegistrationStatus.fromWire(stored.getString("status"));
        return switch (status) {
            case ASSIGNING -> new Registration.Assigning(JsonFields.string(stored, "assignedHub"), keptOperation(stored));
            case ASSIGNED -> new Registration.Assigned(stored.getString("assignedHub"),
                    Substatus.fromWire(stored.getString("substatus")), Optional.ofNullable(stored.get("payload")).map(ServiceJson::raw));
            case FAILED -> new Registration.Failed(stored.getInt("errorCode"), stored.getString("errorMessage"));
            case DISABLED -> new Registration.Disabled(stored.getString("errorMessage"));
            case UNASSIGNED -> throw new IllegalArgumentException("registration '" + stored.getString("registrationId")
                    + "' is stored unassigned, which this simulator never writes");
        };
    }

    private static JsonObject toStored(Operation operation) {
        JsonObjectBuilder kept = Jsonp.createObjectBuilder()
                .add("operationId", operation.operationId())
                .add("readyAt", DpsTimestamps.format(operation.readyAt()))
                .add("outcome", toStored(operation.outcome().registration()));
        operation.outcome().hubAssignment().ifPresent(assignment -> {
            JsonObjectBuilder hub = Jsonp.createObjectBuilder()
                    .add("hubHostName", assignment.hubHostName())
                    .add("deviceId", assignment.deviceId())
                    .add("registrationId", assignment.registrationId())
                    .add("authentication", ServiceJson.toJson(assignment.authentication()))
                    .add("iotEdge", assignment.iotEdge());
            assignment.initialTwin().ifPresent(twin -> hub.add("initialTwin", ServiceJson.json(twin)));
            kept.add("hubAssignment", hub);
        });
        return kept.build();
    }

    /**
     * The operation kept with a registration stored {@code assigning}; empty when none was kept (a data
     * directory written before operations were kept) or the one kept cannot be read, which is logged.
     */
    private static Optional<Operation> keptOperation(JsonObject stored) {
        Optional<JsonObject> kept = JsonFields.object(stored, "operation");
        if (kept.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonObject operation = kept.get();
            Optional<Operation.HubAssignment> assignment = JsonFields.object(operation, "hubAssignment").map(hub ->
                    new Operation.HubAssignment(hub.getString("hubHostName"), hub.getString("deviceId"), hub.getString("registrationId"),
                            authentication(hub.getJsonObject("authentication")), hub.getBoolean("iotEdge"),
                            JsonFields.object(hub, "initialTwin").map(ServiceJson::raw)));
            Registration outcome = registration(operation.getJsonObject("outcome"));
            return Optional.of(new Operation(operation.getString("operationId"), outcome.registrationId(),
                    DpsTimestamps.parse(operation.getString("readyAt")), new Operation.Outcome(outcome, assignment),
                    new AtomicInteger()));
        } catch (RuntimeException e) {
            LOG.warning(() -> "the operation kept with the registration of '" + stored.getString("registrationId")
                    + "' cannot be read (" + e + "); it will end failed");
            return Optional.empty();
        }
    }

    /** A hub device is stored as the hub's registry shows it. */
    static JsonObject toStored(HubDevice device) {
        return ServiceJson.toJson(device);
    }

    static HubDevice hubDevice(JsonObject stored) {
        return new HubDevice(stored.getString("deviceId"), stored.getString("registrationId"),
                authentication(stored.getJsonObject("authentication")),
                stored.getString("status").equals("enabled"),
                stored.getJsonObject("capabilities").getBoolean("iotEdge"),
                JsonFields.object(stored, "initialTwin").map(ServiceJson::raw),
                revision(stored));
    }

    private static HubDevice.HubAuthentication authentication(JsonObject authentication) {
        return switch (authentication.getString("type")) {
            case "sas" -> new HubDevice.HubAuthentication.Sas(
                    authentication.getJsonObject("symmetricKey").getString("primaryKey"),
                    authentication.getJsonObject("symmetricKey").getString("secondaryKey"));
            case "selfSigned" -> new HubDevice.HubAuthentication.SelfSigned(
                    authentication.getJsonObject("x509Thumbprint").getString("primaryThumbprint"),
                    JsonFields.string(authentication.getJsonObject("x509Thumbprint"), "secondaryThumbprint"));
            default -> new HubDevice.HubAuthentication.CertificateAuthority(Certificates.decode(
                    authentication.getString("caCertificate").getBytes(StandardCharsets.US_ASCII)).getFirst());
        };
    }

    /** The etag and times of an enrollment, group or hub device, under the names the service API gives them. */
    private static Revision revision(JsonObject stored) {
        return new Revision(stored.getString("etag"),
                DpsTimestamps.parse(stored.getString("createdDateTimeUtc")),
                DpsTimestamps.parse(stored.getString("lastUpdatedDateTimeUtc")));
    }
}
