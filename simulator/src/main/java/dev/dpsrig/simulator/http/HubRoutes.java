package dev.dpsrig.simulator.http;

import dev.dpsrig.protocol.DpsTimestamps;
import dev.dpsrig.protocol.HubErrorCode;
import dev.dpsrig.protocol.HubException;
import dev.dpsrig.protocol.HubPath;
import dev.dpsrig.protocol.MessageProperty;
import dev.dpsrig.simulator.dps.DeviceCredentials;
import dev.dpsrig.simulator.hub.CloudToDeviceMessage;
import dev.dpsrig.simulator.hub.Delivery;
import dev.dpsrig.simulator.hub.HubHostNames;
import dev.dpsrig.simulator.hub.IncomingMessage;
import dev.dpsrig.simulator.hub.SimulatedHub;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The IoT Hub HTTPS device API of one simulated hub: send events (single or batch), and receive,
 * complete, reject and abandon cloud-to-device messages. Each handler turns the request into one
 * call on {@link SimulatedHub} and its answer (or refusal) back into HTTP. It takes every request
 * on the hub's port: a path the device API does not have is answered 404, a path with the wrong
 * method 405 with {@code Allow}, in the hub's error format.
 */
final class HubRoutes {
    /** A batch's JSON carries base64 bodies, a third larger than the 256 KB the hub counts: the port's whole limit. */
    private static final long MAX_BATCH_REQUEST = ApiFamily.HUB_DEVICE.maxBody();

    private final Supplier<SimulatedHub> hub;
    private final HubResponses responses;

    HubRoutes(Supplier<SimulatedHub> hub, HubResponses responses) {
        this.hub = hub;
        this.responses = responses;
    }

    /** Serves a request to the hub; what fails is answered by the port's error handler ({@link FailedRequests}). */
    void handle(ServerRequest request, ServerResponse response) {
        Method method = request.prologue().method();
        HubPath path;
        try {
            path = HubPath.parse(request.path().rawPath()).orElseThrow(() -> noSuchPath(request));
        } catch (IllegalArgumentException e) {
            throw HubException.invalid("the path '" + request.path().rawPath() + "' is malformed: " + e.getMessage());
        }
        Method allowed = allowed(path);
        if (!method.equals(allowed)) {
            response.header(HeaderNames.ALLOW, allowed.text());
            throw new HubException(HubErrorCode.METHOD_NOT_ALLOWED, "method " + method.text() + " is not allowed on "
                    + request.path().rawPath() + "; allowed: " + allowed.text());
        }
        DeviceCredentials credentials = RequestCredentials.of(request, HubException::unauthorized);
        Set<String> hostNames = hostNames(request);
        switch (path) {
            case HubPath.Events events -> {
                // The device proves who it is before a byte of its body is read.
                hub().acceptEvents(events.deviceId(), events.moduleId(), credentials, hostNames, () -> messages(request));
                responses.noContent(response);
            }
            case HubPath.DeviceBound deviceBound -> {
                Optional<Delivery> delivery = hub().receive(deviceBound.deviceId(), credentials, hostNames);
                if (delivery.isPresent()) {
                    sendDelivery(response, delivery.get());
                } else {
                    responses.noContent(response);
                }
            }
            case HubPath.Settle settle -> {
                if (request.query().contains("reject")) {
                    hub().reject(settle.deviceId(), settle.lockToken(), credentials, hostNames);
                } else {
                    hub().complete(settle.deviceId(), settle.lockToken(), credentials, hostNames);
                }
                responses.noContent(response);
            }
            case HubPath.Abandon abandon -> {
                hub().abandon(abandon.deviceId(), abandon.lockToken(), credentials, hostNames);
                responses.noContent(response);
            }
        }
    }

    private SimulatedHub hub() {
        SimulatedHub simulated = hub.get();
        if (simulated == null) {
            throw new HubException(HubErrorCode.SERVICE_UNAVAILABLE, "the simulator is still starting");
        }
        return simulated;
    }

    private static HubException noSuchPath(ServerRequest request) {
        return new HubException(HubErrorCode.NOT_FOUND, "the IoT Hub device API has no " + request.prologue().method().text() + " "
                + request.path().rawPath() + "; it serves POST /devices/{id}/messages/events and"
                + " GET|DELETE|POST /devices/{id}/messages/deviceBound[/{lockToken}[/abandon]]");
    }

    /** The one method each device API path takes. */
    private static Method allowed(HubPath path) {
        return switch (path) {
            case HubPath.Events events -> Method.POST;
            case HubPath.DeviceBound deviceBound -> Method.GET;
            case HubPath.Settle settle -> Method.DELETE;
            case HubPath.Abandon abandon -> Method.POST;
        };
    }

    /** The names a device may put in its token's {@code sr}, the {@code Host} it addressed among them. */
    private Set<String> hostNames(ServerRequest request) {
        return HubHostNames.of(hub().hub().hostName(), request.authority());
    }

    private static List<IncomingMessage> messages(ServerRequest request) {
        if (ApiFamily.isHubBatch(request.headers())) {
            return BatchBodies.parse(body(request, MAX_BATCH_REQUEST));
        }
        Map<String, String> properties = new LinkedHashMap<>();
        Map<MessageProperty, String> system = new EnumMap<>(MessageProperty.class);
        for (Header header : request.headers()) {
            String name = header.name();
            if (name.toLowerCase(Locale.ROOT).startsWith(MessageProperty.APPLICATION_PREFIX)) {
                String property = name.substring(MessageProperty.APPLICATION_PREFIX.length());
                String value = header.get();
                if (!MessageProperty.isValidHttpToken(property) || !MessageProperty.isValidHttpToken(value)) {
                    throw HubException.invalid("application property '" + property + "' = '" + value + "': over HTTPS names and"
                            + " values may hold only ASCII letters, digits and ! # $ % & ' * + - . ^ _ ` | ~");
                }
                properties.put(property, value);
            } else {
                MessageProperty.ofHeader(name).ifPresent(property -> system.put(property, header.get()));
            }
        }
        return List.of(new IncomingMessage(body(request, IncomingMessage.MAX_SIZE), properties, system));
    }

    private static byte[] body(ServerRequest request, long limit) {
        return RequestBodies.bytes(request, limit, declared -> ApiFamily.hubTooLarge(declared, limit));
    }

    /** The 200 answer: body, quoted {@code ETag}, and header names in the exact case the C client looks them up. */
    private static void sendDelivery(ServerResponse response, Delivery delivery) {
        CloudToDeviceMessage message = delivery.message();
        response.status(200);
        response.header(HeaderNames.ETAG, "\"" + delivery.lockToken() + "\"");
        response.header("iothub-sequencenumber", Long.toString(message.sequenceNumber()));
        response.header("iothub-enqueuedtime", DpsTimestamps.format(message.enqueuedTime()));
        response.header("iothub-deliverycount", Integer.toString(delivery.deliveryCount()));
        response.header("iothub-expiry", DpsTimestamps.format(message.expiresAt()));
        response.header("iothub-to", "/devices/" + message.deviceId() + "/messages/deviceBound");
        message.systemProperties().forEach((property, value) -> {
            switch (property) {
                case CONTENT_TYPE -> response.header(HeaderNames.create("ContentType"), value);
                case CONTENT_ENCODING -> response.header(HeaderNames.create("ContentEncoding"), value);
                case EXPIRY -> {
                }
                default -> response.header(property.header(), value);
            }
        });
        message.properties().forEach((name, value) -> response.header(MessageProperty.APPLICATION_PREFIX + name, value));
        response.send(message.body());
    }
}
