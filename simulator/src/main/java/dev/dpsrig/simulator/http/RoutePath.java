package dev.dpsrig.simulator.http;

import dev.dpsrig.protocol.UrlEncoding;
import io.helidon.common.parameters.Parameters;
import io.helidon.common.uri.UriPath;
import io.helidon.http.PathMatcher;
import io.helidon.http.PathMatchers;
import io.helidon.http.RoutedPath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A route's path on the DPS port, matched as Azure matches it: literal segments in any case
 * ({@code /enrollmentgroups} is {@code /enrollmentGroups}), a {@code {name}} segment takes one
 * percent-decoded segment as sent (ids keep their case), and one trailing slash is ignored. The raw
 * path is split before decoding, so an encoded {@code /} stays inside its segment; an empty segment
 * ({@code //}) or a malformed escape matches no route.
 */
final class RoutePath implements PathMatcher {
    /** The component name Helidon gives path parameters. */
    private static final String PATH_PARAMETERS = "http/path";

    private final String template;
    private final List<String> segments;

    private RoutePath(String template, List<String> segments) {
        this.template = template;
        this.segments = segments;
    }

    /** @param template {@code /literal/{name}/...}: no empty segment, no trailing slash */
    static RoutePath of(String template) {
        if (!template.startsWith("/") || template.length() < 2 || template.endsWith("/")) {
            throw new IllegalArgumentException("a route path starts with / and does not end with one: '" + template + "'");
        }
        List<String> segments = List.of(template.substring(1).split("/", -1));
        if (segments.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("a route path has no empty segment: '" + template + "'");
        }
        return new RoutePath(template, segments);
    }

    /** The decoded {@code {name}} segments, when the path is this route's. */
    Optional<Map<String, String>> parameters(UriPath path) {
        String raw = path.rawPathNoParams();
        if (raw.length() > 1 && raw.endsWith("/")) {
            raw = raw.substring(0, raw.length() - 1);
        }
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

    @Override
    public PathMatchers.MatchResult match(UriPath path) {
        return parameters(path)
                .map(found -> new PathMatchers.MatchResult(true,
                        new Routed(path, Parameters.createSingleValueMap(PATH_PARAMETERS, found))))
                .orElseGet(PathMatchers.MatchResult::notAccepted);
    }

    /** The DPS routes are declared whole, never under a prefix. */
    @Override
    public PathMatchers.PrefixMatchResult prefixMatch(UriPath path) {
        return PathMatchers.PrefixMatchResult.notAccepted();
    }

    @Override
    public Optional<String> matchingElement() {
        return Optional.of(template);
    }

    @Override
    public String toString() {
        return template;
    }

    private static boolean isParameter(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
    }

    /** The request's path with the segments this route captured. */
    private record Routed(UriPath request, Parameters pathParameters) implements RoutedPath {
        @Override
        public String rawPath() {
            return request.rawPath();
        }

        @Override
        public String rawPathNoParams() {
            return request.rawPathNoParams();
        }

        @Override
        public String path() {
            return request.path();
        }

        @Override
        public Parameters matrixParameters() {
            return request.matrixParameters();
        }

        @Override
        public void validate() {
            request.validate();
        }

        @Override
        public RoutedPath absolute() {
            return new Routed(request.absolute(), pathParameters);
        }

        @Override
        public String toString() {
            return request.toString();
        }
    }
}
