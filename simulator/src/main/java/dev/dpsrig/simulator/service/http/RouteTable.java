package dev.dpsrig.simulator.service.http;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;

/** The routes of the DPS port, each a method and a {@link RoutePath}. */
final class RouteTable {
    private final HttpRules rules;

    RouteTable(HttpRules rules) {
        this.rules = rules;
    }

    RouteTable get(String path, Handler handler) {
        return add(Method.GET, RoutePath.of(path), handler);
    }

    RouteTable get(RoutePath path, Handler handler) {
        return add(Method.GET, path, handler);
    }

    RouteTable post(String path, Handler handler) {
        return add(Method.POST, RoutePath.of(path), handler);
    }

    RouteTable post(RoutePath path, Handler handler) {
        return add(Method.POST, path, handler);
    }

    RouteTable put(String path, Handler handler) {
        return add(Method.PUT, RoutePath.of(path), handler);
    }

    RouteTable put(RoutePath path, Handler handler) {
        return add(Method.PUT, path, handler);
    }

    RouteTable delete(String path, Handler handler) {
        return add(Method.DELETE, RoutePath.of(path), handler);
    }

    private RouteTable add(Method method, RoutePath path, Handler handler) {
        rules.route(method, path, handler);
        return this;
    }
}
