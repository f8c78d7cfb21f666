package dev.dpsrig.simulator.http;

import dev.dpsrig.protocol.dps.DeviceRegistration;
import dev.dpsrig.protocol.dps.DpsPaths;
import dev.dpsrig.protocol.dps.RegistrationOperationStatus;
import dev.dpsrig.simulator.dps.OperationStatus;
import dev.dpsrig.simulator.dps.Registration;
import dev.dpsrig.simulator.fault.AnswerDamage;
import dev.dpsrig.simulator.json.ServiceJson;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonObject;
import java.util.function.Supplier;

/**
 * The DPS device runtime API. Any {@code api-version} is accepted unless the simulator is strict
 * ({@link ApiVersionFilter}): real clients send a dozen different ones. Paths match as {@link RoutePath} says:
 * {@code registrations}, {@code register} and {@code operations} in any case, a trailing slash ignored.
 */
final class DeviceRuntimeRoutes {
    /** Fault rules name these calls, so {@link FaultFilter} tells them apart by the same paths. */
    static final RoutePath REGISTER = RoutePath.of(DpsPaths.REGISTER);
    static final RoutePath OPERATION_LOOKUP = RoutePath.of(DpsPaths.OPERATION_LOOKUP);
    static final RoutePath STATUS_LOOKUP = RoutePath.of(DpsPaths.STATUS_LOOKUP);

    private final Supplier<InProcessDps> service;
    private final JsonResponses responses;
    private final Supplier<String> dpsAuthority;

    /**
     * @param dpsAuthority the DPS {@code host[:port]} devices were told to use (the simulator's global
     *                     endpoint): register's {@code Location} names it, never the {@code Host} a client sent
     */
    DeviceRuntimeRoutes(Supplier<InProcessDps> service, JsonResponses responses, Supplier<String> dpsAuthority) {
        this.service = service;
        this.responses = responses;
        this.dpsAuthority = dpsAuthority;
    }

    void routing(RouteTable routes) {
        routes.put(REGISTER, this::register)
                .get(OPERATION_LOOKUP, this::lookup)
                .post(STATUS_LOOKUP, this::status);
    }

    private void register(ServerRequest request, ServerResponse response) {
        String scope = request.path().pathParameters().get("idScope");
        String registrationId = request.path().pathParameters().get("registrationId");
        RequestBodies.checkJsonContentType(request);
        // The body is read only after the credentials (header or TLS client certificate) are checked.
        OperationStatus operation = dps().register(scope, registrationId, RequestCredentials.of(request), () -> {
            DeviceRegistration body = DeviceRegistration.fromJson(RequestBodies.requiredJsonObject(request));
            body.requireRegistrationId(registrationId, "the path");
            return body.payload();
        }, FaultFilter.of(request).outcome());
        response.header("Location", "https://" + dpsAuthority.get() + DpsPaths.REGISTER.expand(scope, registrationId));
        answerPolling(request, response, 202, toJson(operation));
    }

    private void lookup(ServerRequest request, ServerResponse response) {
        OperationStatus operation = dps().lookupOperation(
                request.path().pathParameters().get("idScope"),
                request.path().pathParameters().get("registrationId"),
                request.path().pathParameters().get("operationId"),
                RequestCredentials.of(request));
        if (operation.status().isTerminal()) {
            answer(request, response, 200, toJson(operation));
        } else {
            answerPolling(request, response, 202, toJson(operation));
        }
    }

    private void status(ServerRequest request, ServerResponse response) {
        String registrationId = request.path().pathParameters().get("registrationId");
        RequestBodies.checkJsonContentType(request);
        // Credentials first: the optional body is read only for a device that proved who it is.
        Registration registration = dps().registrationStatus(request.path().pathParameters().get("idScope"), registrationId,
                RequestCredentials.of(request));
        RequestBodies.jsonObject(request)
                .ifPresent(body -> DeviceRegistration.fromJson(body).requireRegistrationId(registrationId, "the path"));
        answer(request, response, 200, ServiceJson.toJson(registration));
    }

    /** A 202 the device is to poll after: {@code Retry-After} in whole seconds, unless a fault damages it. */
    private void answerPolling(ServerRequest request, ServerResponse response, int status, JsonObject body) {
        response.header("Retry-After", AnswerDamage.retryAfter(dps().retryAfterSeconds(), FaultFilter.of(request).damage()));
        answer(request, response, status, body);
    }

    /** The answer, or the damaged answer a fault rule asked for. */
    private void answer(ServerRequest request, ServerResponse response, int status, JsonObject body) {
        responses.sendRaw(response, status, AnswerDamage.body(body, FaultFilter.of(request).damage()));
    }

    private static JsonObject toJson(OperationStatus operation) {
        return RegistrationOperationStatus.of(operation.operationId(), operation.status(),
                operation.registrationState().map(ServiceJson::result)).toJson();
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
