package dev.dpsrig.simulator.fuzz;

import dev.dpsrig.simulator.fuzz.Draft.Credentials;
import dev.dpsrig.simulator.fuzz.Draft.Family;
import dev.dpsrig.simulator.fuzz.Mutations.Kind;
import dev.dpsrig.simulator.fuzz.Mutations.Mutation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Mutations of the request's path and query: the case of a segment, slashes, percent-escapes good and
 * bad, dot segments, ids too long or odd, another ID scope, odd query strings. Changing the segment the
 * credentials are bound to makes them unknown or invalid.
 */
final class PathMutations {
    private PathMutations() {
    }

    /** Adds the path mutations to {@code all}, in catalogue order. */
    static void addTo(List<Mutation> all) {
        all.add(new Mutation("path.case", Kind.PATH, PathMutations::hasSegments, (d, r, f) -> {
            List<String> segments = segments(d);
            int i = 1 + r.nextInt(segments.size() - 1);
            String segment = segments.get(i);
            String changed = r.nextBoolean() ? segment.toUpperCase(Locale.ROOT) : swapCase(segment, r);
            segments.set(i, changed);
            setSegments(d, segments);
            if (i == idSegment(d) || (d.family == Family.DPS_DEVICE && i == 1)) {
                d.binding(Credentials.UNKNOWN);
            }
            return "segment " + i + " '" + changed + "'";
        }));
        all.add(new Mutation("path.slashes", Kind.PATH, d -> true, (d, r, f) -> {
            String path = d.request.path();
            String changed = switch (r.nextInt(5)) {
                case 0 -> path + "/";
                case 1 -> "/" + path;
                case 2 -> path.replaceFirst("/", "//").replaceFirst("(/[^/]+)/", "$1//");
                case 3 -> path.replace('/', '\\');
                default -> path + "/" + "/".repeat(1 + r.nextInt(500));
            };
            d.request.target = changed + d.request.query();
            return Printable.escape(changed.length() > 80 ? changed.substring(0, 80) + "..." : changed);
        }));
        all.add(new Mutation("path.percent-encoded", Kind.PATH, PathMutations::hasSegments, (d, r, f) -> {
            List<String> segments = segments(d);
            int i = 1 + r.nextInt(segments.size() - 1);
            String segment = segments.get(i);
            if (segment.isEmpty()) {
                return "nothing to encode";
            }
            int at = r.nextInt(segment.length());
            String changed = segment.substring(0, at) + String.format("%%%02X", (int) segment.charAt(at)) + segment.substring(at + 1);
            segments.set(i, changed);
            setSegments(d, segments);
            if (i == idSegment(d) || (d.family == Family.DPS_DEVICE && i == 1)) {
                d.binding(Credentials.UNKNOWN);
            }
            return "segment " + i + " '" + changed + "'";
        }));
        all.add(new Mutation("path.bad-escape", Kind.PATH, PathMutations::hasSegments, (d, r, f) -> {
            List<String> segments = segments(d);
            int i = 1 + r.nextInt(segments.size() - 1);
            String escape = Json.pick(r, List.of("%zz", "%", "%0", "%00", "%C0%AF", "%FF", "%E2%80%AE", "%25", "%2e%2e", "%2F",
                    "%ED%A0%80", "%u0041", "%%", "%0a", "%0d%0a"));
            String segment = segments.get(i);
            int at = segment.isEmpty() ? 0 : r.nextInt(segment.length() + 1);
            segments.set(i, segment.substring(0, at) + escape + segment.substring(at));
            setSegments(d, segments);
            if (i == idSegment(d) || (d.family == Family.DPS_DEVICE && i == 1)) {
                d.binding(Credentials.INVALID);
            }
            return "'" + escape + "' in segment " + i;
        }));
        all.add(new Mutation("path.dot-segments", Kind.PATH, PathMutations::hasSegments, (d, r, f) -> {
            List<String> segments = segments(d);
            int id = idSegment(d);
            if (id > 0 && r.nextBoolean()) {
                String other = f.devices.stream().map(Fixture.Device::id).filter(x -> !x.equals(segments.get(id))).findFirst().orElse("x");
                String dots = Json.pick(r, List.of("..", "%2e%2e", ".%2E"));
                segments.set(id, segments.get(id) + "/" + dots + "/" + other);
                setSegments(d, segments);
                d.binding(Credentials.INVALID);
                return "'" + dots + "' to " + other;
            }
            int i = 1 + r.nextInt(segments.size() - 1);
            String inserted = Json.pick(r, List.of(".", "x/..", "%2e", "./.", "x/%2e%2e"));
            segments.set(i, inserted + "/" + segments.get(i));
            setSegments(d, segments);
            return "'" + inserted + "' before segment " + i;
        }));
        all.add(new Mutation("path.long-id", Kind.PATH, d -> segments(d).size() > 2, (d, r, f) -> {
            List<String> segments = segments(d);
            int id = idSegment(d) > 0 ? idSegment(d) : segments.size() - 1;
            int length = Json.pick(r, List.of(129, 200, 1000, 10_000, 100_000));
            segments.set(id, "a".repeat(length));
            setSegments(d, segments);
            if (id == idSegment(d)) {
                d.binding(Credentials.INVALID);
            }
            return length + " characters in segment " + id;
        }));
        all.add(new Mutation("path.odd-id", Kind.PATH, d -> segments(d).size() > 2, (d, r, f) -> {
            List<String> segments = segments(d);
            int id = idSegment(d) > 0 ? idSegment(d) : segments.size() - 1;
            String odd = Json.pick(r, List.of("%C3%A9", "%E6%97%A5%E6%9C%AC", "a%20b", "a;b", ".", "..", "%00", "CON", "a:b", "-", "_",
                    "~", "", "'", "%3Cx%3E", "\u00e9", "a b", "a\tb", "%F0%9F%98%80", "*", "a%2Fb", "a=b", "a@b", "a,b"));
            segments.set(id, odd);
            setSegments(d, segments);
            if (id == idSegment(d)) {
                d.binding(Credentials.INVALID);
            }
            return "segment " + id + " '" + Printable.escape(odd) + "'";
        }));
        all.add(new Mutation("path.other-scope", Kind.PATH, d -> d.family == Family.DPS_DEVICE, (d, r, f) -> {
            List<String> segments = segments(d);
            String scope = Json.pick(r, List.of("0ne00000002", "", "x".repeat(100), "0ne0000000", "%30ne00000001", "0ne00000001 "));
            segments.set(1, scope);
            setSegments(d, segments);
            d.binding(scope.startsWith("%30") ? Credentials.UNKNOWN : Credentials.INVALID);
            return "'" + scope + "'";
        }));
        all.add(new Mutation("path.query", Kind.PATH, d -> true, (d, r, f) -> {
            String query = Json.pick(r, List.of("", "?", "?api-version=", "?api-version=garbage", "?api-version=2099-01-01",
                    "?api-version=" + "a".repeat(10_000), "?%zz", "?&&&", "?a=b=c", "?api-version=2021-06-01&api-version=1999-01-01",
                    "?api-version=2021-06-01&" + "p=1&".repeat(2000), "?api-version=%00", "?api-version[]=1", "?=&=",
                    "?api-version=2021-06-01#fragment"));
            String existing = d.request.query();
            boolean keepReject = existing.contains("&reject");
            d.request.target = d.request.path() + query + (keepReject && !query.isEmpty() ? "&reject" : keepReject ? "?reject" : "");
            return "'" + (query.length() > 60 ? query.substring(0, 60) + "..." : query) + "'";
        }));
    }

    /** Where the id the credentials are bound to sits among the path's segments, or -1. */
    private static int idSegment(Draft d) {
        return switch (d.family) {
            case DPS_DEVICE -> 3;
            case HUB -> 2;
            default -> -1;
        };
    }

    /** A path with at least one segment after the first slash (an earlier mutation may have left none). */
    private static boolean hasSegments(Draft d) {
        return segments(d).size() > 1;
    }

    private static List<String> segments(Draft d) {
        return new ArrayList<>(List.of(d.request.path().split("/", -1)));
    }

    private static void setSegments(Draft d, List<String> segments) {
        d.request.target = String.join("/", segments) + d.request.query();
    }

    private static String swapCase(String text, SplittableRandom r) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(r.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
        }
        return out.toString();
    }
}
