package dev.dpsrig.simulator.http;

import dev.dpsrig.protocol.DpsErrorCode;
import dev.dpsrig.protocol.DpsException;
import io.helidon.common.uri.UriPath;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The routes of the DPS port, each a method and a {@link RoutePath}, kept as they are declared so
 * that a request no route takes gets a DPS answer rather than the server's plain-text one: 405 with
 * {@code Allow} when some route has its path, 404 otherwise, both in the DPS error format.
 */
public final class RouteTable {
    private record Route(Method method, RoutePath path) {
    }

    private final HttpRules rules;
    private final List<Route> routes = new ArrayList<>();

    RouteTable(HttpRules rules) {
        this.rules = rules;
    }

    public RouteTable get(String path, Handler handler) {
        return add(Method.GET, RoutePath.of(path), handler);
    }

    RouteTable get(RoutePath path, Handler handler) {
        return add(Method.GET, path, handler);
    }

    public RouteTable post(String path, Handler handler) {
        return add(Method.POST, RoutePath.of(path), handler);
    }

    RouteTable post(RoutePath path, Handler handler) {
        return add(Method.POST, path, handler);
    }

    public RouteTable put(String path, Handler handler) {
        return add(Method.PUT, RoutePath.of(path), handler);
    }

    RouteTable put(RoutePath path, Handler handler) {
        return add(Method.PUT, path, handler);
    }

    public RouteTable delete(String path, Handler handler) {
        return add(Method.DELETE, RoutePath.of(path), handler);
    }

    private RouteTable add(Method method, RoutePath path, Handler handler) {
        routes.add(new Route(method, path));
        rules.route(method, path, handler);
        return this;
    }

    /** The methods some route takes on this path, in the order the routes were declared. */
    Set<Method> methodsOn(UriPath path) {
        Set<Method> methods = new LinkedHashSet<>();
        routes.stream().filter(route -> route.path().parameters(path).isPresent()).forEach(route -> methods.add(route.method()));
        return methods;
    }

    /** Answers what no route took, through the port's error handler; registered last, after every route. */
    Handler unmatched() {
        return (request, response) -> {
            Method method = request.prologue().method();
            UriPath path = request.prologue().uriPath();
            Set<Method> allowed = methodsOn(path);
            if (allowed.isEmpty()) {
                throw DpsException.notFound("no route " + method.text() + " " + path.rawPath()
                        + " (the service API is under /enrollments, /enrollmentGroups, /registrations and /certificates;"
                        + " devices use /{idScope}/registrations/{registrationId}/...)");
            }
            String names = allowed.stream().map(Method::text).collect(Collectors.joining(", "));
            response.header(HeaderNames.ALLOW, names);
            throw new DpsException(DpsErrorCode.METHOD_NOT_ALLOWED,
                    "method " + method.text() + " is not allowed on " + path.rawPath() + "; allowed: " + names);
        };
    }
}
