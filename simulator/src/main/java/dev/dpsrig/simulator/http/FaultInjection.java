package dev.dpsrig.simulator.http;

import dev.dpsrig.protocol.DpsErrorCode;
import dev.dpsrig.protocol.HubErrorCode;
import dev.dpsrig.protocol.HubPath;
import dev.dpsrig.simulator.fault.Endpoint;
import dev.dpsrig.simulator.fault.Fault;
import dev.dpsrig.simulator.fault.FaultPlan;
import dev.dpsrig.simulator.quota.Quotas;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Serves the fault plan and the quota profile in front of the routes of DPS or of one hub: it names
 * the endpoint and device of each request, asks the plan for a fault, and either answers in the
 * endpoint's own error format, waits, drops the connection, or hands the fault to the route (damaged
 * answers, registration outcomes). Without a fault, the quotas decide whether the call is throttled.
 */
final class FaultInjection implements Filter {
    /** A partial answer: the start of a plausible DPS body, after which the connection closes. */
    private static final byte[] PARTIAL_BODY = "{\"operationId\":\"5.".getBytes(StandardCharsets.US_ASCII);

    private final Optional<String> hubName;
    private final FaultPlan plan;
    private final Supplier<Quotas> quotas;
    private final JsonResponses dpsResponses;
    private final HubResponses hubResponses;

    private FaultInjection(Optional<String> hubName, FaultPlan plan, Supplier<Quotas> quotas,
                           JsonResponses dpsResponses, HubResponses hubResponses) {
        this.hubName = hubName;
        this.plan = plan;
        this.quotas = quotas;
        this.dpsResponses = dpsResponses;
        this.hubResponses = hubResponses;
    }

    static FaultInjection forDps(FaultPlan plan, Supplier<Quotas> quotas, JsonResponses responses, HubResponses hubResponses) {
        return new FaultInjection(Optional.empty(), plan, quotas, responses, hubResponses);
    }

    static FaultInjection forHub(String hubName, FaultPlan plan, Supplier<Quotas> quotas, JsonResponses responses,
                                 HubResponses hubResponses) {
        return new FaultInjection(Optional.of(hubName), plan, quotas, responses, hubResponses);
    }

    private record Call(Endpoint endpoint, String deviceId) {
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
        Endpoint endpoint = call.get().endpoint();
        String deviceId = call.get().deviceId();
        Optional<Fault> fault = plan.strike(endpoint, deviceId);
        if (fault.isEmpty()) {
            boolean quotaApplies = endpoint != Endpoint.HUB_C2D || request.prologue().method() == Method.GET;
            Optional<Quotas.Throttled> throttled = quotaApplies
                    ? quotas.get().admit(endpoint, hubName.orElse(deviceId)) : Optional.empty();
            if (throttled.isPresent()) {
                Quotas.Throttled limit = throttled.get();
                throttle(response, limit.retryAfterSeconds(), "quota exceeded: " + limit.quota().wireName() + " " + limit.rate()
                        + " (profile " + quotas.get().profile().name() + "); retry after " + limit.retryAfterSeconds() + " s");
                return;
            }
            chain.proceed();
            return;
        }
        String origin = " (injected fault, " + endpoint.wireName() + ")";
        switch (fault.get()) {
            case Fault.Throttle throttle -> throttle(response, throttle.retryAfterSeconds(),
                    "too many requests, retry after " + throttle.retryAfterSeconds() + " s" + origin);
            case Fault.ServerError error -> {
                if (hubName.isPresent()) {
                    hubResponses.error(response, error.status() == 500 ? HubErrorCode.SERVER_ERROR : HubErrorCode.SERVICE_UNAVAILABLE,
                            "the service is unavailable" + origin);
                } else {
                    dpsResponses.error(response, error.status() == 500 ? DpsErrorCode.INTERNAL_ERROR : DpsErrorCode.SERVICE_UNAVAILABLE,
                            "the service is unavailable" + origin);
                }
            }
            case Fault.Delay delay -> {
                pause(delay.delay().toMillis());
                chain.proceed();
            }
            case Fault.DropConnection drop -> {
                consume(request);
                if (drop.point() == Fault.DropPoint.MID_RESPONSE) {
                    response.status(endpoint == Endpoint.REGISTER ? 202 : 200);
                    response.header(HeaderNames.CONTENT_TYPE, JsonResponses.JSON);
                    response.contentLength(PARTIAL_BODY.length * 8L);
                    try {
                        OutputStream out = response.outputStream();
                        out.write(PARTIAL_BODY);
                        out.flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                throw new CloseConnectionException("connection dropped" + origin);
            }
            case Fault.AuthenticationError error -> {
                if (hubName.isPresent()) {
                    hubResponses.error(response, HubErrorCode.IOT_HUB_UNAUTHORIZED_ACCESS, "authentication failed" + origin);
                } else {
                    dpsResponses.error(response, DpsErrorCode.UNAUTHORIZED, "authentication failed" + origin);
                }
            }
            case Fault.MalformedAnswer malformed -> {
                request.context().register(new InjectedFault(malformed));
                chain.proceed();
            }
            case Fault.AssignmentFailed failed -> {
                request.context().register(new InjectedFault(failed));
                chain.proceed();
            }
            case Fault.KeepAssigning keep -> {
                request.context().register(new InjectedFault(keep));
                chain.proceed();
            }
            case Fault.SlowHandshake slow -> chain.proceed();
        }
    }

    private void throttle(RoutingResponse response, int retryAfterSeconds, String message) {
        response.header("Retry-After", Integer.toString(retryAfterSeconds));
        if (hubName.isPresent()) {
            hubResponses.error(response, HubErrorCode.THROTTLING_EXCEPTION, message);
        } else {
            dpsResponses.error(response, DpsErrorCode.THROTTLED, message);
        }
    }

    /**
     * The endpoint and device of a request, by the paths the routes take ({@link RoutePath}: any case,
     * a trailing slash), so that a rule strikes exactly the calls that reach the route it names.
     */
    private Optional<Call> classify(ServerRequest request) {
        UriPath path = request.prologue().uriPath();
        if (hubName.isPresent()) {
            try {
                return HubPath.parse(path.rawPath()).map(hubPath -> new Call(
                        hubPath instanceof HubPath.Events ? Endpoint.HUB_SEND : Endpoint.HUB_C2D, hubPath.deviceId()));
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
        Method method = request.prologue().method();
        for (DeviceCall call : DEVICE_CALLS) {
            if (call.method().equals(method)) {
                Optional<Map<String, String>> parameters = call.path().parameters(path);
                if (parameters.isPresent()) {
                    return Optional.of(new Call(call.endpoint(), parameters.get().get("registrationId")));
                }
            }
        }
        return Optional.of(new Call(Endpoint.SERVICE_API, segments.size() > 1 ? segments.get(1) : ""));
    }

    private static void consume(ServerRequest request) {
        if (request.content().hasEntity()) {
            try (InputStream in = request.content().inputStream()) {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Request handlers run on virtual threads: waiting here holds no platform thread. */
    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
