package dev.dpsrig.simulator.http;

import dev.dpsrig.protocol.HubPath;
import dev.dpsrig.simulator.fault.AnswerDamage;
import dev.dpsrig.simulator.fault.Call;
import dev.dpsrig.simulator.fault.Endpoint;
import dev.dpsrig.simulator.fault.Fault;
import dev.dpsrig.simulator.fault.FaultInjector;
import dev.dpsrig.simulator.fault.Injection;
import dev.dpsrig.simulator.fault.Refusal;
import dev.dpsrig.simulator.fault.Transport;
import io.helidon.common.uri.UriPath;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fault plan and the quotas on HTTP, in front of the routes of DPS or of one hub: it names the
 * endpoint and device of each request, asks the {@link FaultInjector} what to do, and does it over
 * HTTP: a refusal in the endpoint's own error format, a wait, a dropped connection, or the request
 * passed on with its {@link Injection.Proceed} in the request's context, where the routes find how
 * to damage the answer and how a registration is to end.
 */
final class FaultFilter implements Filter {
    private final Optional<String> hubName;
    private final FaultInjector faults;
    private final JsonResponses dpsResponses;
    private final HubResponses hubResponses;

    private FaultFilter(Optional<String> hubName, FaultInjector faults, JsonResponses dpsResponses, HubResponses hubResponses) {
        this.hubName = hubName;
        this.faults = faults;
        this.dpsResponses = dpsResponses;
        this.hubResponses = hubResponses;
    }

    static FaultFilter forDps(FaultInjector faults, JsonResponses responses, HubResponses hubResponses) {
        return new FaultFilter(Optional.empty(), faults, responses, hubResponses);
    }

    static FaultFilter forHub(String hubName, FaultInjector faults, JsonResponses responses, HubResponses hubResponses) {
        return new FaultFilter(Optional.of(hubName), faults, responses, hubResponses);
    }

    /** The injection a route serves its request under: what the filter let through, or the request as it is. */
    static Injection.Proceed of(ServerRequest request) {
        return request.context().get(Injection.Proceed.class).orElse(Injection.Proceed.UNTOUCHED);
    }

    /** A device runtime call fault rules can name, by the route that serves it. */
    private record DeviceCall(Method method, RoutePath path, Endpoint endpoint) {
    }

    private static final List<DeviceCall> DEVICE_CALLS = List.of(
            new DeviceCall(Method.PUT, DeviceRuntimeRoutes.REGISTER, Endpoint.REGISTER),
            new DeviceCall(Method.GET, DeviceRuntimeRoutes.OPERATION_LOOKUP, Endpoint.OPERATION_LOOKUP),
            new DeviceCall(Method.POST, DeviceRuntimeRoutes.STATUS_LOOKUP, Endpoint.STATUS_LOOKUP));

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        Optional<Call> call = classify(request);
        if (call.isEmpty()) {
            chain.proceed();
            return;
        }
        switch (faults.arriving(call.get())) {
            case Injection.Refuse refuse -> refuse(response, refuse.refusal());
            case Injection.Drop drop -> drop(request, response, call.get().endpoint(), drop);
            case Injection.Proceed proceed -> {
                proceed.pause();
                request.context().register(proceed);
                chain.proceed();
            }
        }
    }

    private void refuse(RoutingResponse response, Refusal refusal) {
        if (refusal instanceof Refusal.Throttled throttled) {
            response.header("Retry-After", Integer.toString(throttled.retryAfterSeconds()));
        }
        if (hubName.isPresent()) {
            hubResponses.error(response, refusal.hubErrorCode(), refusal.message());
        } else {
            dpsResponses.error(response, refusal.dpsErrorCode(), refusal.message());
        }
    }

    /** Reads the request, sends the start of an answer if the drop is mid-response, and closes the connection. */
    private static void drop(ServerRequest request, RoutingResponse response, Endpoint endpoint, Injection.Drop drop) {
        try {
            consume(request);
            if (drop.point() == Fault.DropPoint.MID_RESPONSE) {
                response.status(endpoint == Endpoint.REGISTER ? 202 : 200);
                response.header(HeaderNames.CONTENT_TYPE, JsonResponses.JSON);
                response.contentLength(AnswerDamage.PARTIAL_BODY.length() * 8L);
                OutputStream out = response.outputStream();
                out.write(AnswerDamage.partialBody());
                out.flush();
            }
        } catch (IOException | UncheckedIOException e) {
            throw new CloseConnectionException(drop.reason() + ", and the client left first", e);
        }
        throw new CloseConnectionException(drop.reason());
    }

    /**
     * The endpoint and device of a request, by the paths the routes take ({@link RoutePath}: any case,
     * a trailing slash), so that a rule strikes exactly the calls that reach the route it names.
     */
    private Optional<Call> classify(ServerRequest request) {
        UriPath path = request.prologue().uriPath();
        Method method = request.prologue().method();
        if (hubName.isPresent()) {
            try {
                return HubPath.parse(path.rawPath()).map(hubPath -> hubPath instanceof HubPath.Events
                        ? Call.toHub(Transport.HTTPS, hubName.get(), Endpoint.HUB_SEND, hubPath.deviceId(), true)
                        // Of the cloud-to-device calls, only a receive counts against the quota; settling does not.
                        : Call.toHub(Transport.HTTPS, hubName.get(), Endpoint.HUB_C2D, hubPath.deviceId(), method == Method.GET));
            } catch (IllegalArgumentException malformed) {
                return Optional.empty();
            }
        }
        List<String> segments = new ArrayList<>();
        for (String segment : path.rawPathNoParams().split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        if (segments.isEmpty() || segments.getFirst().equalsIgnoreCase("dpsrig")) {
            return Optional.empty();
        }
        for (DeviceCall call : DEVICE_CALLS) {
            if (call.method().equals(method)) {
                Optional<Map<String, String>> parameters = call.path().parameters(path);
                if (parameters.isPresent()) {
                    return Optional.of(Call.toDps(Transport.HTTPS, call.endpoint(), parameters.get().get("registrationId")));
                }
            }
        }
        return Optional.of(Call.toDps(Transport.HTTPS, Endpoint.SERVICE_API, segments.size() > 1 ? segments.get(1) : ""));
    }

    private static void consume(ServerRequest request) throws IOException {
        if (request.content().hasEntity()) {
            try (InputStream in = request.content().inputStream()) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }
    }
}
