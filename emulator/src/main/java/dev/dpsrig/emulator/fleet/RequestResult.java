package dev.dpsrig.emulator.fleet;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words a fleet report counts requests by: each endpoint's name (its transport, what it does and how it is sent,
 * e.g. {@code https register PUT}, {@code mqtt telemetry publish}) and a request's result, read from what a device
 * recorded: an HTTP (or DPS-over-MQTT) status, {@code PUBACK}, {@code CONNACK n}, {@code timeout},
 * {@code connection closed}, {@code connection refused} or {@code connection error}.
 */
final class RequestResult {
    static final String PUBACK = "PUBACK";
    private static final Pattern STATUS = Pattern.compile("(?:^|with )(\\d{3})\\b");
    private static final Pattern CONNACK = Pattern.compile("CONNACK (\\d+)");

    private RequestResult() {
    }

    /** What a request does, the phase of a device's life it belongs to. */
    enum Step {
        REGISTER("register", "PUT"),
        OPERATION_STATUS("operation-status", "GET"),
        TELEMETRY("telemetry", "POST");

        final String word;
        private final String method;

        Step(String word, String method) {
            this.word = word;
            this.method = method;
        }

        /** The endpoint a device of {@code transport} sends this step to. */
        String endpoint(FleetTransport transport) {
            return transport.cliName() + " " + word + " " + (transport.mqtt().isPresent() ? "publish" : method);
        }

        /** The step of an endpoint named by {@link #endpoint}. */
        static Step of(String endpoint) {
            for (Step step : values()) {
                if (endpoint.contains(" " + step.word + " ")) {
                    return step;
                }
            }
            throw new IllegalArgumentException("not an endpoint name: " + endpoint);
        }
    }

    /** The result a failure's or refusal's text names: its status, CONNACK code, or what happened to the connection. */
    static String of(String reason) {
        String text = reason.strip();
        Matcher connack = CONNACK.matcher(text);
        if (connack.find()) {
            return "CONNACK " + connack.group(1);
        }
        Matcher status = STATUS.matcher(text);
        if (status.find()) {
            return status.group(1);
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("timeout") || lower.contains("timed out") || lower.contains("no answer within")) {
            return "timeout";
        }
        if (lower.contains("refused")) {
            return "connection refused";
        }
        if (lower.contains("closed") || lower.contains("eof") || lower.contains("reset")) {
            return "connection closed";
        }
        return "connection error";
    }

    /** The result of an answered request: its status, or {@code PUBACK} for an acknowledged MQTT telemetry publish. */
    static String answered(FleetTransport transport, Step step, int status) {
        return transport.mqtt().isPresent() && step == Step.TELEMETRY ? PUBACK : Integer.toString(status);
    }
}
