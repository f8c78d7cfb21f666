package dev.dpsrig.protocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A path of the DPS APIs, {@code /literal/{name}/...}, matched as Azure matches it and built as
 * clients send it. Matching: literal segments in any case ({@code /enrollmentgroups} is
 * {@code /enrollmentGroups}), a {@code {name}} segment takes one percent-decoded segment as sent
 * (ids keep their case), one trailing slash is ignored; the raw path is split before decoding, so an
 * encoded {@code /} stays inside its segment, and an empty segment or a malformed escape matches
 * nothing. Building: each value is percent-encoded as one segment.
 */
public final class PathTemplate {
    private final String template;
    private final List<String> segments;

    private PathTemplate(String template, List<String> segments) {
        this.template = template;
        this.segments = segments;
    }

    /** @param template {@code /literal/{name}/...}: no empty segment, no trailing slash */
    public static PathTemplate of(String template) {
        if (!template.startsWith("/") || template.length() < 2 || template.endsWith("/")) {
            throw new IllegalArgumentException("a path template starts with / and does not end with one: '" + template + "'");
        }
        List<String> segments = List.of(template.substring(1).split("/", -1));
        if (segments.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("a path template has no empty segment: '" + template + "'");
        }
        return new PathTemplate(template, segments);
    }

    /** The decoded {@code {name}} segments, when the raw path (without its query) is this template's. */
    public Optional<Map<String, String>> match(String rawPath) {
        String raw = rawPath.length() > 1 && rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
        if (!raw.startsWith("/")) {
            return Optional.empty();
        }
        String[] parts = raw.substring(1).split("/", -1);
        if (parts.length != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            String value;
            try {
                value = UrlEncoding.decodePathSegment(parts[i]);
            } catch (IllegalArgumentException malformed) {
                return Optional.empty();
            }
            String segment = segments.get(i);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            if (isParameter(segment)) {
                parameters.put(segment.substring(1, segment.length() - 1), value);
            } else if (!segment.equalsIgnoreCase(value)) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }

    /**
     * The raw path with {@code values} in place of the {@code {name}} segments, in order.
     *
     * @throws IllegalArgumentException when the number of values differs from the template's parameters
     */
    public String expand(String... values) {
        StringBuilder path = new StringBuilder();
        int next = 0;
        for (String segment : segments) {
            path.append('/');
            if (isParameter(segment)) {
                if (next == values.length) {
                    throw new IllegalArgumentException(template + " needs more than " + values.length + " values");
                }
                path.append(UrlEncoding.encodePathSegment(values[next++]));
            } else {
                path.append(segment);
            }
        }
        if (next != values.length) {
            throw new IllegalArgumentException(template + " takes " + next + " values, not " + values.length);
        }
        return path.toString();
    }

    public String template() {
        return template;
    }

    @Override
    public String toString() {
        return template;
    }

    private static boolean isParameter(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
    }
}
