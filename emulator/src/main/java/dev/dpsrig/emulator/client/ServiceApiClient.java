package dev.dpsrig.emulator.client;

import static dev.dpsrig.emulator.client.ServiceApiTransport.segment;

import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.WireFormatException;
import dev.dpsrig.protocol.dps.DeviceRegistrationResult;
import dev.dpsrig.protocol.service.AttestationMechanism;
import dev.dpsrig.protocol.service.CertificateList;
import dev.dpsrig.protocol.service.CertificateRequest;
import dev.dpsrig.protocol.service.CertificateResponse;
import dev.dpsrig.protocol.service.EnrollmentGroup;
import dev.dpsrig.protocol.service.IndividualEnrollment;
import dev.dpsrig.protocol.settings.ServiceConnectionString;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * The DPS service (enrollment) API over HTTPS, against the simulator or a real DPS: individual
 * enrollments, enrollment groups, registration states, and the simulator's CA certificate
 * routes, each answer read into {@code protocol}'s records. Every request carries a fresh SAS
 * token for the connection string's policy and {@code api-version} {@value #API_VERSION}. The
 * simulator's own hub and fault routes answer their JSON unchanged.
 *
 * <p>A non-2xx answer is a {@link ServiceApiException}; a host that cannot be reached or trusted,
 * or an answer that is not the contract's shape, is a {@link ServiceConnectionException}. Nothing is
 * retried: a host that cannot be connected to at all (refused, unknown host, no route) is reported at
 * once, as whatever the {@code unreachable} function the client was made with turns it into.
 */
public final class ServiceApiClient implements AutoCloseable {
    public static final String API_VERSION = "2021-10-01";
    private static final Optional<JsonStructure> NO_BODY = Optional.empty();
    private static final Optional<String> ANY_ETAG = Optional.empty();

    private final ServiceApiTransport transport;

    /**
     * @param unreachable turns "no connection could be opened to the host at all" into the exception callers get, e.g.
     *                    one that says where the connection string came from; the identity keeps it as it is
     */
    public ServiceApiClient(ServiceConnectionString connection, SSLContext tls, Clock clock,
                            Function<ServiceConnectionException, ? extends RuntimeException> unreachable) {
        this(connection, Optional.empty(), tls, clock, unreachable);
    }

    /**
     * @param adminKey the key the simulator's admin API ({@code /dpsrig/...}) takes, when it has one of its own
     *                 ({@code adminKey} in {@code dev-settings.json}); otherwise the connection's key signs those requests too
     */
    public ServiceApiClient(ServiceConnectionString connection, Optional<String> adminKey, SSLContext tls, Clock clock,
                            Function<ServiceConnectionException, ? extends RuntimeException> unreachable) {
        this.transport = new ServiceApiTransport(connection, adminKey, tls, clock, unreachable);
    }

    public ServiceApiClient(ServiceConnectionString connection, SSLContext tls, Clock clock) {
        this(connection, tls, clock, Function.identity());
    }

    public ServiceApiClient(ServiceConnectionString connection, SSLContext tls) {
        this(connection, tls, Clock.systemUTC());
    }

    public ServiceApiClient(ServiceConnectionString connection, SSLContext tls,
                            Function<ServiceConnectionException, ? extends RuntimeException> unreachable) {
        this(connection, tls, Clock.systemUTC(), unreachable);
    }

    // ---- individual enrollments ------------------------------------------------------------

    public IndividualEnrollment enrollment(String registrationId) {
        return read(IndividualEnrollment::fromJson, transport.object("GET", enrollmentPath(registrationId), NO_BODY, ANY_ETAG));
    }

    public IndividualEnrollment putEnrollment(IndividualEnrollment enrollment, Optional<String> ifMatch) {
        return read(IndividualEnrollment::fromJson, transport.object("PUT", enrollmentPath(enrollment.registrationId()),
                Optional.of(enrollment.toJson()), ifMatch));
    }

    public void deleteEnrollment(String registrationId, Optional<String> ifMatch) {
        transport.send("DELETE", enrollmentPath(registrationId), NO_BODY, ifMatch);
    }

    /** The enrollment's attestation with its symmetric keys, which a plain GET leaves out. */
    public AttestationMechanism enrollmentAttestation(String registrationId) {
        return read(AttestationMechanism::fromJson,
                transport.object("POST", enrollmentPath(registrationId) + "/attestationmechanism", NO_BODY, ANY_ETAG));
    }

    public List<IndividualEnrollment> enrollments() {
        return readAll(IndividualEnrollment::fromJson, transport.queryAll("/enrollments/query"));
    }

    private static String enrollmentPath(String registrationId) {
        return "/enrollments/" + segment(registrationId);
    }

    // ---- enrollment groups -----------------------------------------------------------------

    public EnrollmentGroup group(String groupId) {
        return read(EnrollmentGroup::fromJson, transport.object("GET", groupPath(groupId), NO_BODY, ANY_ETAG));
    }

    public EnrollmentGroup putGroup(EnrollmentGroup group, Optional<String> ifMatch) {
        return read(EnrollmentGroup::fromJson, transport.object("PUT", groupPath(group.enrollmentGroupId()),
                Optional.of(group.toJson()), ifMatch));
    }

    public void deleteGroup(String groupId, Optional<String> ifMatch) {
        transport.send("DELETE", groupPath(groupId), NO_BODY, ifMatch);
    }

    /** The group's attestation with its symmetric keys, which a plain GET leaves out. */
    public AttestationMechanism groupAttestation(String groupId) {
        return read(AttestationMechanism::fromJson, transport.object("POST", groupPath(groupId) + "/attestationmechanism", NO_BODY, ANY_ETAG));
    }

    public List<EnrollmentGroup> groups() {
        return readAll(EnrollmentGroup::fromJson, transport.queryAll("/enrollmentGroups/query"));
    }

    private static String groupPath(String groupId) {
        return "/enrollmentGroups/" + segment(groupId);
    }

    // ---- registration states ---------------------------------------------------------------

    public DeviceRegistrationResult registration(String registrationId) {
        return read(DeviceRegistrationResult::fromJson,
                transport.object("GET", "/registrations/" + segment(registrationId), NO_BODY, ANY_ETAG));
    }

    public void deleteRegistration(String registrationId, Optional<String> ifMatch) {
        transport.send("DELETE", "/registrations/" + segment(registrationId), NO_BODY, ifMatch);
    }

    // ---- CA certificates (the simulator's stand-in for the management plane) ----------------

    public CertificateList certificates() {
        return read(CertificateList::fromJson, transport.object("GET", "/certificates", NO_BODY, ANY_ETAG));
    }

    public CertificateResponse certificate(String name) {
        return read(CertificateResponse::fromJson, transport.object("GET", certificatePath(name), NO_BODY, ANY_ETAG));
    }

    public CertificateResponse putCertificate(String name, String pem, boolean verified, Optional<String> ifMatch) {
        return read(CertificateResponse::fromJson, transport.object("PUT", certificatePath(name),
                Optional.of(CertificateRequest.upload(pem, verified).toJson()), ifMatch));
    }

    public void deleteCertificate(String name, Optional<String> ifMatch) {
        transport.send("DELETE", certificatePath(name), NO_BODY, ifMatch);
    }

    public CertificateResponse generateVerificationCode(String name, Optional<String> ifMatch) {
        return read(CertificateResponse::fromJson,
                transport.object("POST", certificatePath(name) + "/generateVerificationCode", NO_BODY, ifMatch));
    }

    /** Proof of possession: {@code pem} is a certificate with CN = the verification code, signed by the CA's key. */
    public CertificateResponse verifyCertificate(String name, String pem, Optional<String> ifMatch) {
        return read(CertificateResponse::fromJson, transport.object("POST", certificatePath(name) + "/verify",
                Optional.of(CertificateRequest.proof(pem).toJson()), ifMatch));
    }

    private static String certificatePath(String name) {
        return "/certificates/" + segment(name);
    }

    // ---- the simulator's hubs (/dpsrig/hubs; no real DPS serves these) --------------------

    public JsonArray hubs() {
        return transport.array("GET", "/dpsrig/hubs", Optional.empty(), Optional.empty());
    }

    public JsonArray hubDevices(String hub) {
        return transport.array("GET", "/dpsrig/hubs/" + segment(hub) + "/devices", Optional.empty(), Optional.empty());
    }

    /** The device identity, its count of received messages, and its cloud-to-device queue. */
    public JsonObject hubDevice(String hub, String deviceId) {
        return transport.object("GET", hubDevicePath(hub, deviceId), Optional.empty(), Optional.empty());
    }

    public JsonObject setHubDeviceStatus(String hub, String deviceId, boolean enabled) {
        JsonObject body = Jsonp.createObjectBuilder().add("status", enabled ? "enabled" : "disabled").build();
        return transport.object("PUT", hubDevicePath(hub, deviceId) + "/status", Optional.of(body), Optional.empty());
    }

    /**
     * Messages the hub accepted with a sequence number above {@code after}, optionally from one device;
     * with a wait, the simulator holds the answer until one arrives or the wait (30 s at most) ends.
     * The answer holds {@code messages}, {@code lastSequenceNumber} and {@code more}.
     */
    public JsonObject hubMessages(String hub, Optional<String> deviceId, long after, Duration wait) {
        StringBuilder path = new StringBuilder("/dpsrig/hubs/").append(segment(hub)).append("/messages?after=").append(after)
                .append("&waitSeconds=").append(wait.toSeconds());
        deviceId.ifPresent(id -> path.append("&deviceId=").append(segment(id)));
        return transport.object("GET", path.toString(), Optional.empty(), Optional.empty());
    }

    /** Queues a cloud-to-device message; see the simulator's inspection API for the body's fields. */
    public JsonObject sendCloudToDevice(String hub, String deviceId, JsonObject message) {
        return transport.object("POST", hubDevicePath(hub, deviceId) + "/deviceBound", Optional.of(message), Optional.empty());
    }

    public JsonArray hubSettlements(String hub) {
        return transport.array("GET", "/dpsrig/hubs/" + segment(hub) + "/settlements", Optional.empty(), Optional.empty());
    }

    // ---- the simulator's fault plan and quotas (/dpsrig/faults, /dpsrig/quotas) -------------

    /** Arms a rule (an object) or a plan (an array); answers the armed rules. */
    public JsonArray addFaults(JsonStructure ruleOrPlan) {
        return transport.array("POST", "/dpsrig/faults", Optional.of(ruleOrPlan), Optional.empty());
    }

    public JsonArray faults() {
        return transport.array("GET", "/dpsrig/faults", Optional.empty(), Optional.empty());
    }

    public void clearFaults() {
        transport.send("DELETE", "/dpsrig/faults", Optional.empty(), Optional.empty());
    }

    public void removeFault(String id) {
        transport.send("DELETE", "/dpsrig/faults/" + segment(id), Optional.empty(), Optional.empty());
    }

    public JsonArray faultRecords() {
        return transport.array("GET", "/dpsrig/faults/records", Optional.empty(), Optional.empty());
    }

    public void clearFaultRecords() {
        transport.send("DELETE", "/dpsrig/faults/records", Optional.empty(), Optional.empty());
    }

    public JsonObject quotaProfile() {
        return transport.object("GET", "/dpsrig/quotas", Optional.empty(), Optional.empty());
    }

    public JsonObject setQuotaProfile(String profile) {
        return transport.object("PUT", "/dpsrig/quotas", Optional.of(Jsonp.createObjectBuilder().add("profile", profile).build()),
                Optional.empty());
    }

    private static String hubDevicePath(String hub, String deviceId) {
        return "/dpsrig/hubs/" + segment(hub) + "/devices/" + segment(deviceId);
    }

    /** An answer as its record; one the contract cannot read is the service's fault, not the caller's. */
    private static <T> T read(Function<JsonObject, T> record, JsonObject answer) {
        try {
            return record.apply(answer);
        } catch (WireFormatException e) {
            throw new ServiceConnectionException("the service answered a body that is not the API's: " + e.getMessage(), e);
        }
    }

    private static <T> List<T> readAll(Function<JsonObject, T> record, JsonArray answer) {
        return answer.stream().map(item -> {
            if (item instanceof JsonObject object) {
                return read(record, object);
            }
            throw new ServiceConnectionException("the service answered a JSON " + item.getValueType() + " where an object was expected");
        }).toList();
    }

    @Override
    public void close() {
        transport.close();
    }
}
