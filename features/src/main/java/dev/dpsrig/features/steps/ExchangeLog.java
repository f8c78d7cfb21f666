package dev.dpsrig.features.steps;

import dev.dpsrig.emulator.device.Exchange;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Device HTTP exchanges as a report shows them: method, URL, status, the headers worth reading, and
 * bodies trimmed; token signatures and keys are hidden, since reports get shared.
 */
final class ExchangeLog {
    static final int BODY_LIMIT = 1000;
    private static final Set<String> REQUEST_HEADERS = caseless("Authorization", "Content-Type", "Content-Encoding");
    private static final Set<String> RESPONSE_HEADERS = caseless("Content-Type", "Retry-After", "Location", "ETag",
            "x-ms-error-code", "iothub-errorcode", "x-ms-request-id");
    private static final Pattern SIGNATURE = Pattern.compile("(?i)(sig=)[^&\\s\"]+");
    private static final Pattern KEY = Pattern.compile("(?i)(\"(?:primaryKey|secondaryKey|SharedAccessKey)\"\\s*:\\s*\")[^\"]*");

    private ExchangeLog() {
    }

    static String print(List<Exchange> exchanges) {
        StringBuilder out = new StringBuilder();
        for (Exchange exchange : exchanges) {
            out.append("> ").append(exchange.method()).append(' ').append(exchange.url()).append('\n');
            headers(out, "> ", exchange.requestHeaders(), REQUEST_HEADERS);
            body(out, "> ", exchange.requestText());
            exchange.answer().ifPresentOrElse(answer -> {
                out.append("< ").append(answer.status()).append('\n');
                headers(out, "< ", answer.headers(), RESPONSE_HEADERS);
                body(out, "< ", answer.text());
            }, () -> out.append("< no answer: ").append(exchange.failure().orElse("")).append('\n'));
            out.append('\n');
        }
        return out.toString();
    }

    /** Hides what would let a reader of the report act as the device or the service. */
    static String redact(String text) {
        return KEY.matcher(SIGNATURE.matcher(text).replaceAll("$1***")).replaceAll("$1***");
    }

    private static void headers(StringBuilder out, String prefix, Map<String, String> headers, Set<String> wanted) {
        headers.forEach((name, value) -> {
            if (wanted.contains(name)) {
                out.append(prefix).append(name).append(": ").append(redact(value)).append('\n');
            }
        });
    }

    private static void body(StringBuilder out, String prefix, String body) {
        if (!body.isEmpty()) {
            String shown = body.length() > BODY_LIMIT ? body.substring(0, BODY_LIMIT) + "... (" + body.length() + " characters)" : body;
            out.append(prefix).append(redact(shown)).append('\n');
        }
    }

    private static Set<String> caseless(String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(List.of(names));
        return set;
    }
}
