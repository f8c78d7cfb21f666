package dev.dpsrig.simulator.http;

import dev.dpsrig.protocol.DpsException;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.service.BulkEnrollmentOperation;
import dev.dpsrig.protocol.service.CertificateList;
import dev.dpsrig.protocol.service.CertificateRequest;
import dev.dpsrig.simulator.dps.CaCertificate;
import dev.dpsrig.simulator.dps.EnrollmentGroup;
import dev.dpsrig.simulator.dps.IndividualEnrollment;
import dev.dpsrig.simulator.json.EnrollmentJson;
import dev.dpsrig.simulator.json.JsonFields;
import dev.dpsrig.simulator.json.ServiceJson;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The DPS service API subset a test bench needs, on the same port as the device API (Azure routes
 * them by path too): individual enrollments, enrollment groups, registration states, and CA
 * certificates with proof of possession.
 *
 * <p>The real service manages CA certificates through Azure Resource Manager; the simulator
 * serves the same operations under {@code /certificates/{name}}: {@code PUT} (body
 * {@code {"certificate": PEM, "isVerified": bool}}), {@code GET}, {@code DELETE},
 * {@code GET /certificates}, {@code POST .../generateVerificationCode} and {@code POST .../verify}
 * (body {@code {"certificate": PEM}}).
 *
 * <p>Paths match as {@link RoutePath} says, as Azure's do: literal segments in any case (the Node
 * service SDK sends {@code /enrollmentgroups/...}), and a trailing slash is ignored (it sends bulk
 * operations to {@code /enrollments/}).
 */
final class ServiceRoutes {
    private final Supplier<InProcessDps> service;
    private final JsonResponses responses;
    private final ServiceAuthorization authorization;

    ServiceRoutes(Supplier<InProcessDps> service, JsonResponses responses, ServiceAuthorization authorization) {
        this.service = service;
        this.responses = responses;
        this.authorization = authorization;
    }

    void routing(RouteTable routes) {
        routes.post("/enrollments/query", authorized(this::queryEnrollments))
                .post("/enrollments", authorized((request, response) -> bulk(request, response, BulkEnrollmentOperation.Target.ENROLLMENTS)))
                .post("/enrollmentGroups", authorized((request, response) -> bulk(request, response, BulkEnrollmentOperation.Target.ENROLLMENT_GROUPS)))
                .get("/enrollments/{id}", authorized(this::getEnrollment))
                .put("/enrollments/{id}", authorized(this::putEnrollment))
                .delete("/enrollments/{id}", authorized(this::deleteEnrollment))
                .post("/enrollments/{id}/attestationmechanism", authorized(this::enrollmentAttestation))
                .post("/enrollmentGroups/query", authorized(this::queryGroups))
                .get("/enrollmentGroups/{id}", authorized(this::getGroup))
                .put("/enrollmentGroups/{id}", authorized(this::putGroup))
                .delete("/enrollmentGroups/{id}", authorized(this::deleteGroup))
                .post("/enrollmentGroups/{id}/attestationmechanism", authorized(this::groupAttestation))
                .get("/registrations/{id}", authorized(this::getRegistration))
                .delete("/registrations/{id}", authorized(this::deleteRegistration))
                .post("/registrations/{id}/query", authorized(this::queryRegistrations))
                .get("/certificates", authorized(this::listCertificates))
                .get("/certificates/{name}", authorized(this::getCertificate))
                .put("/certificates/{name}", authorized(this::putCertificate))
                .delete("/certificates/{name}", authorized(this::deleteCertificate))
                .post("/certificates/{name}/generateVerificationCode", authorized(this::generateVerificationCode))
                .post("/certificates/{name}/verify", authorized(this::verifyCertificate));
    }

    private io.helidon.webserver.http.Handler authorized(io.helidon.webserver.http.Handler handler) {
        return (request, response) -> {
            authorization.check(request);
            handler.handle(request, response);
        };
    }

    private static String id(ServerRequest request) {
        return request.path().pathParameters().get("id");
    }

    private static String name(ServerRequest request) {
        return request.path().pathParameters().get("name");
    }

    private static Optional<String> ifMatch(ServerRequest request) {
        return request.headers().first(HeaderNames.IF_MATCH);
    }

    // enrollments

    private void getEnrollment(ServerRequest request, ServerResponse response) {
        responses.send(response, 200, EnrollmentJson.toJson(dps().enrollment(id(request)), false));
    }

    private void putEnrollment(ServerRequest request, ServerResponse response) {
        IndividualEnrollment enrollment = dps().putEnrollment(id(request), RequestBodies.requiredJsonObject(request), ifMatch(request));
        // As DPS does, the answer to a create shows the keys (generated ones included); reads do not.
        responses.send(response, 200, EnrollmentJson.toJson(enrollment, true));
    }

    private void deleteEnrollment(ServerRequest request, ServerResponse response) {
        dps().deleteEnrollment(id(request), ifMatch(request));
        responses.noContent(response);
    }

    private void enrollmentAttestation(ServerRequest request, ServerResponse response) {
        responses.send(response, 200, EnrollmentJson.attestationMechanism(dps().enrollment(id(request)).attestation(), false));
    }

    private void queryEnrollments(ServerRequest request, ServerResponse response) {
        page(request, response, dps().enrollments(), e -> EnrollmentJson.toJson(e, false), "enrollment");
    }

    // groups

    private void getGroup(ServerRequest request, ServerResponse response) {
        responses.send(response, 200, EnrollmentJson.toJson(dps().group(id(request)), false));
    }

    private void putGroup(ServerRequest request, ServerResponse response) {
        EnrollmentGroup group = dps().putGroup(id(request), RequestBodies.requiredJsonObject(request), ifMatch(request));
        responses.send(response, 200, EnrollmentJson.toJson(group, true));
    }

    private void deleteGroup(ServerRequest request, ServerResponse response) {
        dps().deleteGroup(id(request), ifMatch(request));
        responses.noContent(response);
    }

    private void groupAttestation(ServerRequest request, ServerResponse response) {
        responses.send(response, 200, EnrollmentJson.attestationMechanism(dps().group(id(request)).attestation(), true));
    }

    private void queryGroups(ServerRequest request, ServerResponse response) {
        page(request, response, dps().groups(), g -> EnrollmentJson.toJson(g, false), "enrollmentGroup");
    }

    /** {@code {"mode": ..., "enrollments"|"enrollmentGroups": [...]}} → {@code {"isSuccessful", "errors"}}. */
    private void bulk(ServerRequest request, ServerResponse response, BulkEnrollmentOperation.Target target) {
        JsonObject body = RequestBodies.requiredJsonObject(request);
        BulkEnrollmentOperation operation = JsonFields.asBadRequest(() -> BulkEnrollmentOperation.fromJson(body, target));
        responses.send(response, 200, dps().bulk(operation).toJson());
    }

    // registration states

    private void getRegistration(ServerRequest request, ServerResponse response) {
        responses.send(response, 200, ServiceJson.toJson(dps().registration(id(request))));
    }

    private void deleteRegistration(ServerRequest request, ServerResponse response) {
        dps().deleteRegistration(id(request), ifMatch(request));
        responses.noContent(response);
    }

    private void queryRegistrations(ServerRequest request, ServerResponse response) {
        page(request, response, dps().registrationsOfGroup(id(request)), ServiceJson::toJson, "deviceRegistration");
    }

    /** Query answers page with {@code x-ms-max-item-count} and an opaque {@code x-ms-continuation}. */
    private <T> void page(ServerRequest request, ServerResponse response, List<T> all, Function<T, JsonObject> json, String itemType) {
        RequestBodies.jsonObject(request);
        int max = request.headers().first(io.helidon.http.HeaderNames.create("x-ms-max-item-count"))
                .map(ServiceRoutes::positive).orElse(all.size() == 0 ? 1 : all.size());
        int from = request.headers().first(io.helidon.http.HeaderNames.create("x-ms-continuation"))
                .map(ServiceRoutes::nonNegative).orElse(0);
        JsonArrayBuilder items = Jsonp.createArrayBuilder();
        // A continuation past the end (the list shrank, or the client made one up) is an empty last page.
        int start = Math.min(from, all.size());
        int to = (int) Math.min(all.size(), (long) start + max);
        for (T item : all.subList(start, to)) {
            items.add(json.apply(item));
        }
        if (to < all.size()) {
            response.header("x-ms-continuation", Integer.toString(to));
        }
        response.header("x-ms-max-item-count", Integer.toString(max));
        response.header("x-ms-item-type", itemType);
        responses.send(response, 200, items.build());
    }

    private static int positive(String value) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw DpsException.badRequest("x-ms-max-item-count '" + value + "' is not a positive integer");
    }

    private static int nonNegative(String value) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw DpsException.badRequest("x-ms-continuation '" + value + "' was not issued by this service");
    }

    // CA certificates

    private void listCertificates(ServerRequest request, ServerResponse response) {
        responses.send(response, 200, new CertificateList(dps().caCertificates().stream().map(ServiceJson::certificate).toList()).toJson());
    }

    private void getCertificate(ServerRequest request, ServerResponse response) {
        responses.send(response, 200, ServiceJson.certificate(dps().caCertificate(name(request))).toJson());
    }

    private void putCertificate(ServerRequest request, ServerResponse response) {
        CertificateRequest body = certificateRequest(request);
        CaCertificate ca = dps().putCaCertificate(name(request),
                ServiceJson.parseCertificate(body.certificate(), "certificate"), body.verified(), ifMatch(request));
        responses.send(response, 200, ServiceJson.certificate(ca).toJson());
    }

    private void deleteCertificate(ServerRequest request, ServerResponse response) {
        dps().deleteCaCertificate(name(request), ifMatch(request));
        responses.noContent(response);
    }

    private void generateVerificationCode(ServerRequest request, ServerResponse response) {
        responses.send(response, 200, ServiceJson.certificate(dps().generateVerificationCode(name(request), ifMatch(request))).toJson());
    }

    private void verifyCertificate(ServerRequest request, ServerResponse response) {
        CertificateRequest body = certificateRequest(request);
        CaCertificate ca = dps().verifyCaCertificate(name(request),
                ServiceJson.parseCertificate(body.certificate(), "certificate"), ifMatch(request));
        responses.send(response, 200, ServiceJson.certificate(ca).toJson());
    }

    /** Accepts the flat body and the management plane's {@code {"properties": {...}}} form. */
    private static CertificateRequest certificateRequest(ServerRequest request) {
        JsonObject body = RequestBodies.requiredJsonObject(request);
        return JsonFields.asBadRequest(() -> CertificateRequest.fromJson(body));
    }

    /**
     * The service is created once the hub ports are known, after the server started; {@link StartupGate}
     * holds requests until then, so this 503 is a safeguard.
     */
    private InProcessDps dps() {
        InProcessDps dps = service.get();
        if (dps == null) {
            throw new dev.dpsrig.protocol.DpsException(
                    dev.dpsrig.protocol.DpsErrorCode.SERVICE_UNAVAILABLE, "the simulator is still starting");
        }
        return dps;
    }
}
