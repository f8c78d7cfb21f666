package dev.dpsrig.simulator.mqtt.dps;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The topics of the DPS device API over MQTT: the two a device publishes to, the filter it subscribes to, and the
 * topic of each answer. A request id comes as {@code $rid} or, from some AT-command modules, as {@code rid}; it is
 * echoed in the answer's {@code $rid}.
 */
sealed interface DpsTopic {
    /** The only topic filter DPS serves: every answer. */
    String RESPONSES = "$dps/registrations/res/#";
    String REGISTER = "$dps/registrations/PUT/iotdps-register/";
    String OPERATION_STATUS = "$dps/registrations/GET/iotdps-get-operationstatus/";

    /** The request id the device chose, echoed in the answer. */
    String rid();

    /** Register: publish {@code $dps/registrations/PUT/iotdps-register/?$rid={rid}} with the register body (or none). */
    record Register(String rid) implements DpsTopic {
    }

    /** Poll: publish {@code $dps/registrations/GET/iotdps-get-operationstatus/?$rid={rid}&operationId={id}}. */
    record OperationStatus(String rid, Optional<String> operationId) implements DpsTopic {
    }

    /** The request a PUBLISH topic names; empty for a topic DPS does not serve. */
    static Optional<DpsTopic> parse(String topic) {
        int question = topic.indexOf('?');
        String path = question < 0 ? topic : topic.substring(0, question);
        Map<String, String> query = query(question < 0 ? "" : topic.substring(question + 1));
        String rid = query.getOrDefault("$rid", query.getOrDefault("rid", ""));
        if (samePath(path, REGISTER)) {
            return Optional.of(new Register(rid));
        }
        if (samePath(path, OPERATION_STATUS)) {
            return Optional.of(new OperationStatus(rid, Optional.ofNullable(query.get("operationId")).filter(id -> !id.isEmpty())));
        }
        return Optional.empty();
    }

    /** {@code $dps/registrations/res/{status}/?$rid={rid}[&retry-after={seconds}]}. */
    static String answer(int status, String rid, Optional<String> retryAfter) {
        return "$dps/registrations/res/" + status + "/?$rid=" + rid + retryAfter.map(seconds -> "&retry-after=" + seconds).orElse("");
    }

    /** The path as documented, with or without its final slash. */
    private static boolean samePath(String path, String documented) {
        return path.equals(documented) || path.equals(documented.substring(0, documented.length() - 1));
    }

    private static Map<String, String> query(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String parameter : query.split("&")) {
            int equals = parameter.indexOf('=');
            if (equals > 0) {
                parameters.putIfAbsent(parameter.substring(0, equals), parameter.substring(equals + 1));
            }
        }
        return parameters;
    }
}
