package dev.dpsrig.simulator.log;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * What {@code dpsrig serve --log requests} prints: one line per HTTP request and per MQTT CONNECT, PUBLISH and
 * SUBSCRIBE, once it is answered, space-separated:
 * <pre>
 * 2026-03-01T10:00:00.123Z PUT /0ne00000001/registrations/dev-1/register?api-version=2021-06-01 202 dev-1 12ms
 * 2026-03-01T10:00:00.140Z CONNECT - CONNACK-5 dev-1 3ms (NOT_AUTHORIZED: unknown enrollment)
 * 2026-03-01T10:00:00.152Z PUBLISH $dps/registrations/PUT/iotdps-register/?$rid=1 $dps/registrations/res/202/?$rid=1 dev-1 4ms
 * </pre>
 * the time, the method (or MQTT packet), the path with its query (or the topic), the status (or the CONNACK, or the
 * answer), the registration or device id ({@code -} when none is known), the latency and, for a refused CONNECT, why
 * in parentheses. Credentials never appear:
 * the value of any {@code sig}, {@code key}, {@code SharedAccessKey} or {@code password} parameter and any
 * {@code SharedAccessSignature} is replaced by {@code <redacted>}.
 */
public final class RequestLog {
    /** No log: the default. */
    public static final RequestLog OFF = new RequestLog(Optional.empty(), Clock.systemUTC());

    private static final String REDACTED = "<redacted>";
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)((?:sig|key|sharedaccesskey|password)(?:=|%3D))[^&\\s]*");
    private static final Pattern SAS = Pattern.compile("(?i)(SharedAccessSignature)(?:\\s|%20|\\+)\\S*");

    private final Optional<Consumer<String>> sink;
    private final Clock clock;

    private RequestLog(Optional<Consumer<String>> sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    /** A log that hands each line to {@code sink}, stamped by {@code clock}. */
    public static RequestLog to(Consumer<String> sink, Clock clock) {
        return new RequestLog(Optional.of(sink), clock);
    }

    public boolean enabled() {
        return sink.isPresent();
    }

    /**
     * One exchange, answered now.
     *
     * @param what        the HTTP method or the MQTT packet
     * @param target      the path and query, or the topic ({@code -} for none)
     * @param outcome     the status, CONNACK or answer
     * @param id          the registration or device id, when known
     * @param startNanos  {@link System#nanoTime()} when the exchange began
     * @param why         why it was refused, when it was
     */
    public void record(String what, String target, String outcome, Optional<String> id, long startNanos, Optional<String> why) {
        sink.ifPresent(lines -> lines.accept(clock.instant().truncatedTo(ChronoUnit.MILLIS) + " " + what + " " + field(target)
                + " " + field(outcome) + " " + id.filter(text -> !text.isBlank()).map(RequestLog::field).orElse("-")
                + " " + Duration.ofNanos(System.nanoTime() - startNanos).toMillis() + "ms"
                + why.map(reason -> " (" + redacted(reason) + ")").orElse("")));
    }

    /** {@code text} redacted and without spaces, so that a line keeps its fields. */
    private static String field(String text) {
        return redacted(text).replace(' ', '_');
    }

    /** {@code text} with every credential replaced by {@code <redacted>}. */
    static String redacted(String text) {
        String withoutSas = SAS.matcher(text).replaceAll("$1 " + REDACTED);
        return SECRET_PARAMETER.matcher(withoutSas).replaceAll("$1" + REDACTED);
    }
}
