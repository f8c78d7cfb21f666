package dev.dpsrig.simulator.http;

import dev.dpsrig.protocol.PathTemplate;
import io.helidon.common.parameters.Parameters;
import io.helidon.common.uri.UriPath;
import io.helidon.http.PathMatcher;
import io.helidon.http.PathMatchers;
import io.helidon.http.RoutedPath;
import java.util.Map;
import java.util.Optional;

/**
 * A route's path on the DPS port: Helidon's view of a {@link PathTemplate}, which says how Azure
 * matches paths (literal segments in any case, ids as sent, one trailing slash ignored).
 */
final class RoutePath implements PathMatcher {
    /** The component name Helidon gives path parameters. */
    private static final String PATH_PARAMETERS = "http/path";

    private final PathTemplate template;

    private RoutePath(PathTemplate template) {
        this.template = template;
    }

    static RoutePath of(PathTemplate template) {
        return new RoutePath(template);
    }

    /** @param template {@code /literal/{name}/...}: no empty segment, no trailing slash */
    static RoutePath of(String template) {
        return new RoutePath(PathTemplate.of(template));
    }

    /** The decoded {@code {name}} segments, when the path is this route's. */
    Optional<Map<String, String>> parameters(UriPath path) {
        return template.match(path.rawPathNoParams());
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
        return Optional.of(template.template());
    }

    @Override
    public String toString() {
        return template.template();
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
