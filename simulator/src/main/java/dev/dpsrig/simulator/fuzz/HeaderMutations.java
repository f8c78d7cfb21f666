package dev.dpsrig.simulator.fuzz;

import dev.dpsrig.simulator.fuzz.Draft.Family;
import dev.dpsrig.simulator.fuzz.Mutations.Kind;
import dev.dpsrig.simulator.fuzz.Mutations.Mutation;
import java.util.List;
import java.util.Locale;

/**
 * Mutations of the header section: odd, missing and doubled content types; duplicated, huge, many,
 * malformed and removed headers; control characters, Host, Expect, upgrades, content encodings,
 * If-Match, paging headers and hub message properties.
 */
final class HeaderMutations {
    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml", "application/octet-stream", "",
            " ", "application/json; charset=utf-16", "application/json; charset=latin1", "application/json;;",
            "application/json; charset=\"", "APPLICATION/JSON", "application/json\t", "*/*", "application/", "/", ";",
            "application/vnd.microsoft.iothub.json", "application/json, text/plain", "multipart/form-data; boundary=x",
            "x".repeat(10_000), "application/json; a=" + "b".repeat(5000), "\u00ff\u00fe", "application/json; charset=utf-8; charset=ascii",
            "text/json", "application/merge-patch+json", "application/x-www-form-urlencoded");

    private HeaderMutations() {
    }

    /** Adds the content type mutations to {@code all}, in catalogue order. */
    static void addContentTypes(List<Mutation> all) {
        all.add(new Mutation("content-type.odd", Kind.CONTENT_TYPE, d -> true, (d, r, f) -> {
            String type = Json.pick(r, CONTENT_TYPES);
            d.request.setHeader("Content-Type", type);
            if (!d.request.hasBody() && r.nextBoolean()) {
                d.request.json = Json.Obj.of("a", 1);
            }
            return "'" + Printable.escape(type.length() > 40 ? type.substring(0, 40) + "..." : type) + "'";
        }));
        all.add(new Mutation("content-type.missing", Kind.CONTENT_TYPE, d -> d.request.hasHeader("Content-Type"), (d, r, f) -> {
            d.request.removeHeader("Content-Type");
            return "";
        }));
        all.add(new Mutation("content-type.twice", Kind.CONTENT_TYPE, d -> true, (d, r, f) -> {
            d.request.header("Content-Type", Json.pick(r, CONTENT_TYPES));
            d.request.header("Content-Type", "application/json");
            return "";
        }));
    }

    /** Adds the other header mutations to {@code all}, in catalogue order. */
    static void addHeaders(List<Mutation> all) {
        all.add(new Mutation("header.duplicate", Kind.HEADERS, d -> !d.request.headers.isEmpty(), (d, r, f) -> {
            RawRequest.Header header = Json.pick(r, d.request.headers);
            if (header.raw()) {
                return "nothing";
            }
            boolean same = r.nextBoolean();
            String value = same ? header.value() : Json.pick(r, List.of("", "x", "other.invalid", "0", "application/json", "garbage"));
            d.request.headers.add(r.nextBoolean() ? d.request.headers.indexOf(header) : d.request.headers.size(),
                    RawRequest.Header.of(r.nextBoolean() ? header.name() : header.name().toLowerCase(Locale.ROOT), value));
            if (header.name().equalsIgnoreCase("Authorization")) {
                d.authorizationAltered();
            }
            return header.name() + (same ? " (same value)" : " = '" + value + "'");
        }));
        all.add(new Mutation("header.huge", Kind.HEADERS, d -> true, (d, r, f) -> {
            int size = Json.pick(r, List.of(8_000, 17_000, 65_000, 1_000_000));
            d.request.header(r.nextBoolean() ? "X-Fuzz" : "X-" + "n".repeat(size), "v".repeat(size));
            return size + " bytes";
        }));
        all.add(new Mutation("header.many", Kind.HEADERS, d -> true, (d, r, f) -> {
            int count = Json.pick(r, List.of(100, 1000, 10_000));
            for (int i = 0; i < count; i++) {
                d.request.header("X-F-" + i, "v");
            }
            return count + " headers";
        }));
        all.add(new Mutation("header.control-characters", Kind.HEADERS, d -> true, (d, r, f) -> {
            String value = Json.pick(r, List.of("a\u0000b", "a\u0001b", "a\u007fb", "a\rb", "\u00ff\u00fe", "a\nX-Injected: 1", " ", "a\u000bb"));
            boolean onAuthorization = r.nextInt(4) == 0 && d.request.hasHeader("Authorization");
            if (onAuthorization) {
                d.request.setHeader("Authorization", d.request.header("Authorization").orElse("") + value);
                d.authorizationAltered();
            } else {
                d.request.header("X-Fuzz", value);
            }
            return (onAuthorization ? "Authorization" : "X-Fuzz") + " holds " + Printable.escape(value);
        }));
        all.add(new Mutation("header.malformed-line", Kind.HEADERS, d -> true, (d, r, f) -> {
            String line = Json.pick(r, List.of("X Bad: 1", ": empty-name", "NoColon", "X-A : spaced", "\u00e9t\u00e9: 1", "X-A\u0000: 1",
                    "(x): 1", "X-A:\t tab", " folded continuation", "\tfolded", ":", "X-A: " + "\u00ff".repeat(10), "X-A::1"));
            d.request.headers.add(r.nextInt(d.request.headers.size() + 1), RawRequest.Header.line(line));
            return "'" + Printable.escape(line) + "'";
        }));
        all.add(new Mutation("header.host", Kind.HEADERS, d -> true, (d, r, f) -> {
            String host = Json.pick(r, List.of("", "evil.example", "evil.example:1", "[::1]:443", "localhost:99999", "a b", "localhost:0",
                    "localhost:-1", "\u00e9.example", "localhost:" + (d.onHub ? f.dpsPort : f.hubPort), "x".repeat(5000), "@", "a@b", "[::1"));
            if (r.nextInt(4) == 0) {
                d.request.removeHeader("Host");
                return "no Host";
            }
            if (r.nextInt(4) == 0) {
                d.request.header("Host", host);
                return "a second Host '" + host + "'";
            }
            d.request.setHeader("Host", host);
            return "'" + (host.length() > 30 ? host.substring(0, 30) + "..." : host) + "'";
        }));
        all.add(new Mutation("header.expect", Kind.HEADERS, d -> true, (d, r, f) -> {
            String expect = Json.pick(r, List.of("100-continue", "200-ok", "100-continue, foo", ""));
            d.request.header("Expect", expect);
            return "'" + expect + "'";
        }));
        all.add(new Mutation("header.upgrade", Kind.HEADERS, d -> true, (d, r, f) -> {
            switch (r.nextInt(3)) {
                case 0 -> {
                    d.request.header("Connection", "Upgrade, HTTP2-Settings");
                    d.request.header("Upgrade", "h2c");
                    d.request.header("HTTP2-Settings", "AAMAAABkAAQAAP__");
                    return "h2c";
                }
                case 1 -> {
                    d.request.header("Connection", "Upgrade");
                    d.request.header("Upgrade", "websocket");
                    d.request.header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
                    d.request.header("Sec-WebSocket-Version", "13");
                    return "websocket";
                }
                default -> {
                    d.request.header("Connection", Json.pick(r, List.of("close", "keep-alive", "TE, close", "x".repeat(1000), "Authorization")));
                    return "Connection";
                }
            }
        }));
        all.add(new Mutation("header.content-encoding", Kind.HEADERS, d -> true, (d, r, f) -> {
            String encoding = Json.pick(r, List.of("gzip", "deflate", "br", "identity", "utf-8, gzip", "garbage", "", "gzip, gzip, gzip"));
            d.request.setHeader("Content-Encoding", encoding);
            return "'" + encoding + "'";
        }));
        all.add(new Mutation("header.if-match", Kind.HEADERS, d -> d.family == Family.SERVICE || d.family == Family.ADMIN, (d, r, f) -> {
            String etag = Json.pick(r, List.of("*", "\"garbage\"", "W/\"x\"", "", "\"", "x".repeat(10_000), "\"*\"", "*, \"a\""));
            d.request.setHeader("If-Match", etag);
            return "'" + (etag.length() > 20 ? etag.substring(0, 20) + "..." : etag) + "'";
        }));
        all.add(new Mutation("header.paging", Kind.HEADERS, d -> d.operation.contains("query"), (d, r, f) -> {
            String continuation = Json.pick(r, List.of("2147483647", "2147483646", "-1", "abc", "99999999999", "1.5", "", " 1", "0x10",
                    "-2147483648", "9223372036854775807"));
            String max = Json.pick(r, List.of("0", "-1", "2147483647", "abc", "99999999999", "", "1"));
            if (r.nextBoolean()) {
                d.request.setHeader("x-ms-continuation", continuation);
                return "x-ms-continuation '" + continuation + "'";
            }
            if (r.nextBoolean()) {
                d.request.setHeader("x-ms-max-item-count", max);
                return "x-ms-max-item-count '" + max + "'";
            }
            d.request.setHeader("x-ms-continuation", continuation);
            d.request.setHeader("x-ms-max-item-count", max);
            return "x-ms-continuation '" + continuation + "' x-ms-max-item-count '" + max + "'";
        }));
        all.add(new Mutation("header.message-properties", Kind.HEADERS, d -> d.family == Family.HUB, (d, r, f) -> {
            switch (r.nextInt(5)) {
                case 0 -> {
                    String name = Json.pick(r, List.of("a b", "\u00e9", "", "x".repeat(1000), "a/b", "a\"b"));
                    d.request.header("iothub-app-" + name, "v");
                    return "property name '" + Printable.escape(name.length() > 20 ? name.substring(0, 20) + "..." : name) + "'";
                }
                case 1 -> {
                    String value = Json.pick(r, List.of("a b", "\u00e9", "", "x".repeat(300_000), "a\u0001b", "\"q\""));
                    d.request.header("iothub-app-fuzz2", value);
                    return "property value of " + value.length() + " chars";
                }
                case 2 -> {
                    for (int i = 0; i < 1000; i++) {
                        d.request.header("iothub-app-p" + i, "v" + i);
                    }
                    return "1000 properties";
                }
                case 3 -> {
                    String header = Json.pick(r, List.of("iothub-messageid", "iothub-correlationid", "iothub-userid", "iothub-expiry",
                            "iothub-contenttype", "iothub-contentencoding", "iothub-to", "iothub-ack", "iothub-creation-time-utc"));
                    String value = Json.pick(r, List.of("", "garbage", "x".repeat(70_000), "\u00ff", "9999-99-99", "-1"));
                    d.request.header(header, value);
                    return header + " of " + value.length() + " chars";
                }
                default -> {
                    d.request.header("iothub-app-dup", "1");
                    d.request.header("IOTHUB-APP-DUP", "2");
                    return "one property twice";
                }
            }
        }));
        all.add(new Mutation("header.removed", Kind.HEADERS, d -> !d.request.headers.isEmpty(), (d, r, f) -> {
            RawRequest.Header header = Json.pick(r, d.request.headers);
            // An Authorization removed leaves another, or the certificate, to be judged.
            d.request.headers.remove(header);
            return header.raw() ? "a raw line" : header.name();
        }));
    }
}
