package dev.dpsrig.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The IoT Hub device API paths a simulated hub serves, parsed from the raw request path. Segments are
 * percent-decoded one by one (the C client encodes device ids); {@code deviceBound} is matched in any
 * case because the C, Node and Java clients send {@code devicebound}; a trailing slash is ignored.
 */
public sealed interface HubPath {

    String deviceId();

    /** {@code POST /devices/{id}[/modules/{module}]/messages/events}. */
    record Events(String deviceId, Optional<String> moduleId) implements HubPath {
    }

    /** {@code GET /devices/{id}/messages/deviceBound}. */
    record DeviceBound(String deviceId) implements HubPath {
    }

    /** {@code DELETE /devices/{id}/messages/deviceBound/{lockToken}}, with {@code reject} in the query to reject. */
    record Settle(String deviceId, String lockToken) implements HubPath {
    }

    /** {@code POST /devices/{id}/messages/deviceBound/{lockToken}/abandon}. */
    record Abandon(String deviceId, String lockToken) implements HubPath {
    }

    /**
     * The path's meaning, or empty when it is not part of the device API.
     *
     * @throws IllegalArgumentException when a segment holds a malformed percent-escape
     */
    static Optional<HubPath> parse(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(UrlEncoding.decodePathSegment(segment));
            }
        }
        if (segments.size() < 4 || !segments.get(0).equals("devices")) {
            return Optional.empty();
        }
        String deviceId = segments.get(1);
        List<String> rest = segments.subList(2, segments.size());
        if (rest.size() == 4 && rest.get(0).equals("modules") && rest.get(2).equals("messages") && rest.get(3).equals("events")) {
            return Optional.of(new Events(deviceId, Optional.of(rest.get(1))));
        }
        if (!rest.get(0).equals("messages")) {
            return Optional.empty();
        }
        if (rest.size() == 2 && rest.get(1).equals("events")) {
            return Optional.of(new Events(deviceId, Optional.empty()));
        }
        if (!rest.get(1).equalsIgnoreCase("deviceBound")) {
            return Optional.empty();
        }
        return switch (rest.size()) {
            case 2 -> Optional.of(new DeviceBound(deviceId));
            case 3 -> Optional.of(new Settle(deviceId, unquote(rest.get(2))));
            case 4 -> rest.get(3).equals("abandon") ? Optional.of(new Abandon(deviceId, unquote(rest.get(2)))) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** Clients strip the ETag's quotes before putting the lock token in the path, but not all do. */
    private static String unquote(String token) {
        return token.length() >= 2 && token.startsWith("\"") && token.endsWith("\"") ? token.substring(1, token.length() - 1) : token;
    }
}
