package dev.dpsrig.simulator.admin;

import dev.dpsrig.protocol.DpsErrorCode;
import dev.dpsrig.protocol.DpsException;
import dev.dpsrig.protocol.HubException;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.MessageProperty;
import dev.dpsrig.simulator.http.JsonResponses;
import dev.dpsrig.simulator.http.RequestBodies;
import dev.dpsrig.simulator.http.RouteTable;
import dev.dpsrig.simulator.http.ServiceAuthorization;
import dev.dpsrig.simulator.hub.CloudToDeviceMessage;
import dev.dpsrig.simulator.hub.DeviceMessage;
import dev.dpsrig.simulator.hub.SimulatedHub;
import dev.dpsrig.simulator.json.HubViews;
import dev.dpsrig.simulator.json.ServiceJson;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The simulator's own inspection API for its hubs, on the DPS port under {@code /dpsrig/hubs} and
 * authorized like the DPS service API (the {@code provisioningserviceowner} policy). Real IoT Hub has
 * no such thing: it is what {@code dpsrig hub} and remote test benches use to see what arrived and to
 * queue cloud-to-device messages.
 *
 * <pre>
 * GET  /dpsrig/hubs                                        hubs, device and message counts
 * GET  /dpsrig/hubs/{hub}/devices                          device identities DPS created
 * GET  /dpsrig/hubs/{hub}/devices/{id}                     one identity, with its cloud-to-device queue
 * PUT  /dpsrig/hubs/{hub}/devices/{id}/status              {"status": "enabled" | "disabled"}
 * GET  /dpsrig/hubs/{hub}/messages?deviceId=&amp;after=&amp;waitSeconds=   accepted messages after a sequence number
 * POST /dpsrig/hubs/{hub}/devices/{id}/deviceBound         queue a cloud-to-device message
 * GET  /dpsrig/hubs/{hub}/settlements                      how cloud-to-device messages left their queues
 * </pre>
 */
public final class HubAdminRoutes {
    /** A long poll waits at most this long, so that proxies and clients do not time out first. */
    private static final int MAX_WAIT_SECONDS = 30;
    private static final int MAX_MESSAGES_PER_ANSWER = 1000;

    private final Function<String, Optional<SimulatedHub>> hubs;
    private final Supplier<List<SimulatedHub>> allHubs;
    private final JsonResponses responses;
    private final ServiceAuthorization authorization;

    public HubAdminRoutes(Function<String, Optional<SimulatedHub>> hubs, Supplier<List<SimulatedHub>> allHubs,
                          JsonResponses responses, ServiceAuthorization authorization) {
        this.hubs = hubs;
        this.allHubs = allHubs;
        this.responses = responses;
        this.authorization = authorization;
    }

    /** Adds the hub inspection routes to {@code routes}. */
    public void routing(RouteTable routes) {
        routes.get("/dpsrig/hubs", authorized(this::listHubs))
                .get("/dpsrig/hubs/{hub}/devices", authorized(this::listDevices))
                .get("/dpsrig/hubs/{hub}/devices/{id}", authorized(this::getDevice))
                .put("/dpsrig/hubs/{hub}/devices/{id}/status", authorized(this::setStatus))
                .get("/dpsrig/hubs/{hub}/messages", authorized(this::messages))
                .post("/dpsrig/hubs/{hub}/devices/{id}/deviceBound", authorized(this::sendToDevice))
                .get("/dpsrig/hubs/{hub}/settlements", authorized(this::settlements));
    }

    private Handler authorized(Handler handler) {
        return (request, response) -> {
            authorization.check(request);
            try {
                handler.handle(request, response);
            } catch (HubException e) {
                throw new DpsException(switch (e.errorCode().httpStatus()) {
                    case 404 -> DpsErrorCode.NOT_FOUND;
                    case 412 -> DpsErrorCode.PRECONDITION_FAILED;
                    default -> DpsErrorCode.BAD_REQUEST;
                }, e.getMessage());
            }
        };
    }

    private SimulatedHub hub(ServerRequest request) {
        String name = request.path().pathParameters().get("hub");
        return hubs.apply(name).orElseThrow(() -> DpsException.notFound("no hub named '" + name + "'; the hubs are "
                + allHubs.get().stream().map(SimulatedHub::name).toList()));
    }

    private static String deviceId(ServerRequest request) {
        return request.path().pathParameters().get("id");
    }

    private void listHubs(ServerRequest request, ServerResponse response) {
        JsonArrayBuilder out = Jsonp.createArrayBuilder();
        for (SimulatedHub hub : allHubs.get()) {
            out.add(Jsonp.createObjectBuilder()
                    .add("name", hub.name())
                    .add("hostName", hub.hub().hostName())
                    .add("devices", hub.devices().size())
                    .add("messages", hub.messages().size()));
        }
        responses.send(response, 200, out.build());
    }

    private void listDevices(ServerRequest request, ServerResponse response) {
        JsonArrayBuilder out = Jsonp.createArrayBuilder();
        hub(request).devices().forEach(device -> out.add(ServiceJson.toJson(device)));
        responses.send(response, 200, out.build());
    }

    private void getDevice(ServerRequest request, ServerResponse response) {
        SimulatedHub hub = hub(request);
        String id = deviceId(request);
        JsonObject device = ServiceJson.toJson(hub.device(id).orElseThrow(() -> DpsException.notFound(
                "hub '" + hub.name() + "' has no device '" + id + "'")));
        JsonArrayBuilder queue = Jsonp.createArrayBuilder();
        hub.deviceBound(id).forEach(queued -> queue.add(HubViews.shown(queued).toJson()));
        responses.send(response, 200, Jsonp.createObjectBuilder(device)
                .add("messagesReceived", hub.messages(id).size())
                .add("deviceBound", queue).build());
    }

    private void setStatus(ServerRequest request, ServerResponse response) {
        JsonObject body = RequestBodies.requiredJsonObject(request);
        String status = body.getString("status", "");
        if (!status.equals("enabled") && !status.equals("disabled")) {
            throw DpsException.badRequest("\"status\" must be \"enabled\" or \"disabled\", not '" + body.get("status") + "'");
        }
        responses.send(response, 200, ServiceJson.toJson(hub(request).setDeviceEnabled(deviceId(request), status.equals("enabled"))));
    }

    private void messages(ServerRequest request, ServerResponse response) {
        SimulatedHub hub = hub(request);
        Optional<String> deviceId = request.query().first("deviceId").asOptional();
        long after = longParameter(request, "after", 0);
        long waitSeconds = Math.min(MAX_WAIT_SECONDS, longParameter(request, "waitSeconds", 0));
        List<DeviceMessage> found;
        try {
            found = hub.messagesAfter(after, deviceId, Duration.ofSeconds(waitSeconds));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DpsException(DpsErrorCode.INTERNAL_ERROR, "interrupted while waiting for messages");
        }
        List<DeviceMessage> page = found.size() > MAX_MESSAGES_PER_ANSWER ? found.subList(0, MAX_MESSAGES_PER_ANSWER) : found;
        JsonArrayBuilder out = Jsonp.createArrayBuilder();
        page.forEach(message -> out.add(HubViews.shown(message).toJson()));
        long last = page.isEmpty() ? after : page.getLast().sequenceNumber();
        responses.send(response, 200, Jsonp.createObjectBuilder()
                .add("messages", out)
                .add("lastSequenceNumber", last)
                .add("more", found.size() > page.size())
                .build());
    }

    private static long longParameter(ServerRequest request, String name, long fallback) {
        Optional<String> value = request.query().first(name).asOptional();
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.get());
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw DpsException.badRequest("query parameter '" + name + "' must be a whole number of at least 0, not '" + value.get() + "'");
        }
    }

    /**
     * Body: {@code {"body": TEXT}} or {@code {"bodyBase64": B64}}, optional {@code properties} (object of
     * strings), {@code messageId}, {@code correlationId}, {@code userId}, {@code ack}, {@code contentType},
     * {@code contentEncoding}, {@code ttlSeconds}.
     */
    private void sendToDevice(ServerRequest request, ServerResponse response) {
        JsonObject json = RequestBodies.requiredJsonObject(request);
        byte[] body;
        if (json.get("bodyBase64") instanceof JsonString encoded) {
            try {
                body = Base64.getDecoder().decode(encoded.getString());
            } catch (IllegalArgumentException e) {
                throw DpsException.badRequest("\"bodyBase64\" is not base64: " + e.getMessage());
            }
        } else if (json.get("body") instanceof JsonString text) {
            body = text.getString().getBytes(StandardCharsets.UTF_8);
        } else {
            throw DpsException.badRequest("a cloud-to-device message needs \"body\" (text) or \"bodyBase64\"");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        JsonValue declared = json.getOrDefault("properties", JsonValue.EMPTY_JSON_OBJECT);
        if (declared.getValueType() != JsonValue.ValueType.OBJECT) {
            throw DpsException.badRequest("\"properties\" must be an object of strings");
        }
        declared.asJsonObject().forEach((name, value) -> {
            if (!(value instanceof JsonString string)) {
                throw DpsException.badRequest("property '" + name + "' must be a string");
            }
            properties.put(name, string.getString());
        });
        Map<MessageProperty, String> system = new EnumMap<>(MessageProperty.class);
        for (MessageProperty property : List.of(MessageProperty.MESSAGE_ID, MessageProperty.CORRELATION_ID,
                MessageProperty.USER_ID, MessageProperty.ACK, MessageProperty.CONTENT_TYPE, MessageProperty.CONTENT_ENCODING)) {
            if (json.get(property.propertyName()) instanceof JsonString value) {
                system.put(property, value.getString());
            }
        }
        Optional<Duration> ttl = Optional.empty();
        if (json.containsKey("ttlSeconds")) {
            if (!(json.get("ttlSeconds") instanceof JsonNumber seconds) || !seconds.isIntegral()) {
                throw DpsException.badRequest("\"ttlSeconds\" must be a whole number");
            }
            try {
                ttl = Optional.of(Duration.ofSeconds(seconds.longValueExact()));
            } catch (ArithmeticException outOfRange) {
                throw DpsException.badRequest("\"ttlSeconds\" " + seconds + " is out of range");
            }
        }
        CloudToDeviceMessage message = hub(request).sendToDevice(deviceId(request), body, properties, system, ttl);
        responses.send(response, 201, HubViews.shown(message).toJson());
    }

    private void settlements(ServerRequest request, ServerResponse response) {
        JsonArrayBuilder out = Jsonp.createArrayBuilder();
        hub(request).settlements().forEach(settlement -> out.add(HubViews.shown(settlement).toJson()));
        responses.send(response, 200, out.build());
    }
}
