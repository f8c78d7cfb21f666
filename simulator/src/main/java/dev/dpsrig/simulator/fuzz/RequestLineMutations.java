package dev.dpsrig.simulator.fuzz;

import dev.dpsrig.simulator.fuzz.Mutations.Kind;
import dev.dpsrig.simulator.fuzz.Mutations.Mutation;
import java.util.List;

/** Mutations of the request line: the HTTP version, the method, the request target's form and the separators. */
final class RequestLineMutations {
    private RequestLineMutations() {
    }

    /** Adds the request line mutations to {@code all}, in catalogue order. */
    static void addTo(List<Mutation> all) {
        all.add(new Mutation("line.version", Kind.REQUEST_LINE, d -> true, (d, r, f) -> {
            String version = Json.pick(r, List.of("HTTP/1.0", "HTTP/1.0", "HTTP/0.9", "", "HTTP/2.0", "HTTP/1.2", "HTTP/9.9", "http/1.1",
                    "HTTP/1.1 ", "HTTP/1", "HTTP/1.10", "HTTP/01.1", "HTTP/1.1\u0000", "HTTP/3", "HTTPS/1.1", "HTTP/1.1 x"));
            d.request.version = version;
            if (version.equals("HTTP/1.0") && r.nextBoolean()) {
                d.request.removeHeader("Host");
            }
            return "'" + Printable.escape(version) + "'";
        }));
        all.add(new Mutation("line.method", Kind.REQUEST_LINE, d -> true, (d, r, f) -> {
            String method = Json.pick(r, List.of("get", "put", "FOO", "PATCH", "TRACE", "OPTIONS", "HEAD", "CONNECT", "PRI",
                    "M".repeat(10_000), "G\u0000T", "", "GET GET", "DELETE", "POST", "PUT", "GET", "\u00c9T", "PROPFIND"));
            d.request.method = method;
            return "'" + Printable.escape(method.length() > 20 ? method.substring(0, 20) + "..." : method) + "'";
        }));
        all.add(new Mutation("line.target-form", Kind.REQUEST_LINE, d -> true, (d, r, f) -> {
            String authority = d.onHub ? f.hubAuthority : f.dpsAuthority;
            String target = d.request.target;
            String changed = switch (r.nextInt(10)) {
                case 0 -> "https://" + authority + target;
                case 1 -> "http://evil.example" + target;
                case 2 -> "*";
                case 3 -> authority;
                case 4 -> "";
                case 5 -> target.substring(1);
                case 6 -> target + "#fragment";
                case 7 -> target.replaceFirst("/", "/ ");
                case 8 -> target + "?" + "a".repeat(Json.pick(r, List.of(10_000, 100_000)));
                default -> "//" + target;
            };
            d.request.target = changed;
            return "'" + Printable.escape(changed.length() > 60 ? changed.substring(0, 60) + "..." : changed) + "'";
        }));
        all.add(new Mutation("line.separators", Kind.REQUEST_LINE, d -> true, (d, r, f) -> {
            String separator = Json.pick(r, List.of("  ", "\t", " \t ", "\u000b"));
            d.request.method = d.request.method + separator;
            return "'" + Printable.escape(separator) + "' between method and target";
        }));
    }
}
