package dev.dpsrig.simulator.http;

import dev.dpsrig.protocol.ApiVersions;
import dev.dpsrig.protocol.DpsErrorCode;
import dev.dpsrig.protocol.HubErrorCode;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Optional;

/**
 * {@code --strict}: the DPS device and service APIs and the IoT Hub device API refuse a request whose
 * {@code api-version} is missing or not one Azure answers ({@link ApiVersions}), before faults, quotas or credentials
 * are looked at: DPS with 400 and {@code errorCode} 400004 ({@code Unsupported API version X.}, as Azure answers), a
 * hub with 400 {@code InvalidProtocolVersion}. The simulator's own {@code /dpsrig} API and MQTT's WebSocket upgrade
 * (whose version travels in the CONNECT) are not checked.
 */
final class ApiVersionFilter implements Filter {
    private static final String PARAMETER = "api-version";

    private final JsonResponses dpsResponses;
    private final HubResponses hubResponses;

    ApiVersionFilter(JsonResponses dpsResponses, HubResponses hubResponses) {
        this.dpsResponses = dpsResponses;
        this.hubResponses = hubResponses;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        Optional<ApiVersions> api = switch (ApiFamily.of(request)) {
            case DPS_DEVICE -> Optional.of(ApiVersions.DPS_DEVICE);
            case DPS_SERVICE -> Optional.of(ApiVersions.DPS_SERVICE);
            case HUB_DEVICE -> Optional.of(ApiVersions.HUB_DEVICE);
            case ADMIN -> Optional.empty();
        };
        Optional<String> version = request.query().first(PARAMETER).asOptional();
        Optional<String> refusal = api.filter(unused -> !request.prologue().uriPath().path().equals(MqttOverWebSockets.PATH))
                .flatMap(versions -> versions.refusal(version));
        if (refusal.isEmpty()) {
            chain.proceed();
        } else if (api.get() == ApiVersions.HUB_DEVICE) {
            hubResponses.error(response, HubErrorCode.INVALID_PROTOCOL_VERSION, refusal.get());
        } else {
            dpsResponses.error(response, DpsErrorCode.BAD_REQUEST, refusal.get());
        }
    }
}
