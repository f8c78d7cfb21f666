package dev.dpsrig.simulator.fuzz;

import dev.dpsrig.simulator.fuzz.Draft.Credentials;
import dev.dpsrig.simulator.fuzz.Draft.Family;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * What the fuzzer does to a well-formed request, by kind: the path, the credentials (SAS tokens,
 * policies, client certificates), the JSON body, the content type, the headers, the body's bytes, the
 * HTTP framing and the request line. Each mutation names what it did (the name goes in the report)
 * and says whether it broke the credentials for certain, maybe, or not at all.
 */
final class Mutations {
    /** The order mutations apply in, whatever order they were picked: the request line goes last. */
    enum Kind {
        PATH(3), CREDENTIALS(5), JSON(5), CONTENT_TYPE(2), HEADERS(4), BODY(1), FRAMING(4), REQUEST_LINE(2);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    /** One mutation: applies to some drafts, and changes one in place. */
    record Mutation(String name, Kind kind, Predicate<Draft> appliesTo, Mutator mutator) {
    }

    interface Mutator {
        /** Damages the draft; answers the detail for the report (e.g. which value). */
        String apply(Draft draft, SplittableRandom random, Fixture fixture);
    }

    private static final String DIGITS = "1234567890";

    static final List<String> EDGE_NUMBERS = List.of("0", "-1", "-0", "1.5", "1e309", "-1e309", "1E-400", "9223372036854775807",
            "9223372036854775808", "-9223372036854775809", "2147483647", "2147483648", "-2147483649", "18446744073709551616",
            "1e10", "1e999999999", "123456789012345678901234567890", "0.000000000000000000000000000001", repeat(DIGITS, 111),
            "1" + "0".repeat(5000), "0." + repeat(DIGITS, 120), "-" + repeat(DIGITS, 2000));

    static final List<String> EDGE_STRINGS = List.of("", " ", "a".repeat(300), "x".repeat(70_000), "\u0000", "\u0001\u001f",
            "\u007f", "\u00e9", "\u65e5\u672c", "\ud83d\ude00", "\ufeff", "../..", "%00", "%zz", "\\", "\"", "null", "true", "0",
            "a b", "a/b", "a:b", "a?b", "a#b", "\ud800", "\udc00x", "\ud800\ud800", "CON", "-1", "1e400", "\r\nX-Injected: 1");

    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml", "application/octet-stream", "",
            " ", "application/json; charset=utf-16", "application/json; charset=latin1", "application/json;;",
            "application/json; charset=\"", "APPLICATION/JSON", "application/json\t", "*/*", "application/", "/", ";",
            "application/vnd.microsoft.iothub.json", "application/json, text/plain", "multipart/form-data; boundary=x",
            "x".repeat(10_000), "application/json; a=" + "b".repeat(5000), "\u00ff\u00fe", "application/json; charset=utf-8; charset=ascii",
            "text/json", "application/merge-patch+json", "application/x-www-form-urlencoded");

    private static final List<byte[]> INVALID_UTF8 = List.of(bytes(0xC3, 0x28), bytes(0xFF), bytes(0xFE, 0xFF), bytes(0xC0, 0xAF),
            bytes(0xE2, 0x82), bytes(0xF8, 0x88, 0x80, 0x80, 0x80), bytes(0x80), bytes(0xED, 0xA0, 0x80), bytes(0xED, 0xBF, 0xBF),
            bytes(0xF4, 0x90, 0x80, 0x80), bytes(0xC1, 0xBF), bytes(0xE0, 0x80, 0xAF));

    private static final List<String> MALFORMED_JSON = List.of("", " ", "null", "[]", "{}", "\"text\"", "1", "true", "{\"a\":}",
            "{a:1}", "{'a':1}", "{\"a\":1,}", "[1,]", "{\"a\" 1}", "/*c*/{}", "{\"a\":1}{\"b\":2}", "{\"a\":01}", "{\"a\":.5}",
            "{\"a\":+1}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":\"\\x41\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\ud800\"}",
            "{\"a\":\"\\udfff\\ud800\"}", "{", "}", "[", "{\"a\":[}", "{\"\":\"\"}", "{\"a\":1e}", "{\"a\":-}", "{\"a\":\"\t\"}",
            "\u0000", "{\"a\":\"b\"\u0000}", "{\"registrationId\":[\"x\"]}", "{\"registrationId\":{\"$ref\":\"#\"}}");

    private static final List<String> BAD_AUTHORIZATION = List.of("", " ", "Basic Zm9vOmJhcg==", "Bearer abc", "SharedAccessSignature",
            "SharedAccessSignature ", "SharedAccessSignature sr=", "SharedAccessSignature sr=a&sig=b&se=c",
            "SharedAccessSignature sr=&sig=&se=", "SharedAccessSignature &&&", "SharedAccessSignature sr=x&sr=y&sig=z&se=1",
            "SharedAccessSignature sr=%zz&sig=%zz&se=1", "SharedAccessSignature " + "x".repeat(20_000),
            "SharedAccessSignature sr=" + "a".repeat(100_000) + "&sig=a&se=1", "SharedAccessSignature sr=a&sig=\u00ff&se=1",
            "SharedAccessSignature =&=&=", "SharedAccessSignature sr=a&sig=" + "A".repeat(44) + "&se=99999999999999999999");

    private Mutations() {
    }

    static List<Mutation> all() {
        List<Mutation> all = new ArrayList<>();
        addPath(all);
        addCredentials(all);
        addJson(all);
        addContentTypes(all);
        addHeaders(all);
        addBody(all);
        addFraming(all);
        addRequestLine(all);
        return List.copyOf(all);
    }

    // ---- path ------------------------------------------------------------------------------------

    /** Where the id the credentials are bound to sits among the path's segments, or -1. */
    private static int idSegment(Draft d) {
        return switch (d.family) {
            case DPS_DEVICE -> 3;
            case HUB -> 2;
            default -> -1;
        };
    }

    private static void addPath(List<Mutation> all) {
        all.add(new Mutation("path.case", Kind.PATH, Mutations::hasSegments, (d, r, f) -> {
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
        all.add(new Mutation("path.percent-encoded", Kind.PATH, Mutations::hasSegments, (d, r, f) -> {
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
        all.add(new Mutation("path.bad-escape", Kind.PATH, Mutations::hasSegments, (d, r, f) -> {
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
        all.add(new Mutation("path.dot-segments", Kind.PATH, Mutations::hasSegments, (d, r, f) -> {
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

    // ---- credentials -----------------------------------------------------------------------------

    private static boolean hasSas(Draft d) {
        return d.family == Family.SERVICE || d.family == Family.ADMIN || d.device.map(Fixture.Device::usesSas).orElse(false);
    }

    /** The token's resource, key and skn the template used, for re-signing it wrongly. */
    private record TokenParts(String resource, String key, Optional<String> skn) {
    }

    private static TokenParts parts(Draft d, Fixture f) {
        return switch (d.family) {
            case DPS_DEVICE -> new TokenParts(f.dpsResource(d.device.orElseThrow().id()), d.device.orElseThrow().key().orElseThrow(),
                    Optional.of("registration"));
            case HUB -> new TokenParts(f.hubResource(d.device.orElseThrow().id()), d.device.orElseThrow().key().orElseThrow(),
                    Optional.empty());
            case ADMIN -> new TokenParts("localhost", f.adminKey, Optional.of(Fixture.SERVICE_POLICY));
            case SERVICE -> new TokenParts("localhost", f.serviceKey, Optional.of(Fixture.SERVICE_POLICY));
        };
    }

    private static void addCredentials(List<Mutation> all) {
        all.add(new Mutation("sas.missing", Kind.CREDENTIALS, Mutations::hasSas, (d, r, f) -> {
            d.request.removeHeader("Authorization");
            return "";
        }));
        all.add(new Mutation("sas.malformed", Kind.CREDENTIALS, d -> true, (d, r, f) -> {
            String bad = Json.pick(r, BAD_AUTHORIZATION);
            d.request.setHeader("Authorization", bad);
            d.authorization(Credentials.INVALID);
            return "'" + Printable.escape(bad.length() > 60 ? bad.substring(0, 60) + "..." : bad) + "'";
        }));
        all.add(new Mutation("sas.expired", Kind.CREDENTIALS, Mutations::hasSas, (d, r, f) -> {
            TokenParts token = parts(d, f);
            String se = Json.pick(r, List.of(Long.toString(f.clock.instant().minusSeconds(86_400).getEpochSecond()),
                    Long.toString(f.clock.instant().minusSeconds(3600).getEpochSecond()), "0", "1", "-1", "-86400"));
            d.request.setHeader("Authorization", Sas.header(token.resource(), token.key(), se, token.skn()));
            d.authorization(Credentials.INVALID);
            return "se=" + se;
        }));
        all.add(new Mutation("sas.odd-expiry", Kind.CREDENTIALS, Mutations::hasSas, (d, r, f) -> {
            TokenParts token = parts(d, f);
            String se = Json.pick(r, List.of("999999999999", "9223372036854775807", "9223372036854775808", "99999999999999999999",
                    "1e10", "0x7fffffff", "+" + f.farExpiry(), " " + f.farExpiry(), f.farExpiry() + ".5", "", "\u0661\u0662",
                    "0" + f.farExpiry(), "1".repeat(1000)));
            d.request.setHeader("Authorization", Sas.header(token.resource(), token.key(), se, token.skn()));
            // Correctly signed: a server may take a far expiry; what it must not do is fail on it.
            d.authorization(se.matches("\\d+") ? Credentials.UNKNOWN : Credentials.INVALID);
            return "se='" + Printable.escape(se.length() > 30 ? se.substring(0, 30) + "..." : se) + "'";
        }));
        all.add(new Mutation("sas.tampered", Kind.CREDENTIALS, Mutations::hasSas, (d, r, f) -> {
            TokenParts token = parts(d, f);
            int bit = r.nextInt(256);
            d.request.setHeader("Authorization", Sas.tampered(token.resource(), token.key(), f.farExpiry(), token.skn(), bit));
            d.authorization(Credentials.INVALID);
            return "signature bit " + bit + " flipped";
        }));
        all.add(new Mutation("sas.wrong-key", Kind.CREDENTIALS, d -> true, (d, r, f) -> {
            TokenParts token = hasSas(d) ? parts(d, f) : new TokenParts(d.family == Family.HUB
                    ? f.hubResource(d.device.orElseThrow().id()) : f.dpsResource(d.device.orElseThrow().id()), "", Optional.empty());
            byte[] key = new byte[32];
            r.nextBytes(key);
            String wrong = Base64.getEncoder().encodeToString(key);
            d.request.setHeader("Authorization", Sas.header(token.resource(), wrong, f.farExpiry(), token.skn()));
            d.authorization(Credentials.INVALID);
            return "";
        }));
        all.add(new Mutation("sas.other-device", Kind.CREDENTIALS, Draft::isDeviceFacing, (d, r, f) -> {
            Fixture.Device me = d.device.orElseThrow();
            List<Fixture.Device> others = f.devices.stream().filter(o -> o.usesSas() && !o.id().equals(me.id())).toList();
            Fixture.Device other = Json.pick(r, others);
            String token = d.family == Family.HUB ? f.hubToken(other) : f.dpsToken(other);
            d.request.setHeader("Authorization", token);
            d.authorization(Credentials.INVALID);
            return "a good token of " + other.id();
        }));
        all.add(new Mutation("sas.own-key-other-resource", Kind.CREDENTIALS, Mutations::hasSas, (d, r, f) -> {
            TokenParts token = parts(d, f);
            String resource = switch (d.family) {
                case DPS_DEVICE -> Json.pick(r, List.of("0ne00000002/registrations/" + d.device.orElseThrow().id(),
                        f.hubResource(d.device.orElseThrow().id()), f.idScope + "/registrations/fz-other",
                        f.idScope + "/registrations/" + d.device.orElseThrow().id() + "/x", f.idScope));
                case HUB -> Json.pick(r, List.of("other.invalid/devices/" + d.device.orElseThrow().id(),
                        f.dpsResource(d.device.orElseThrow().id()), f.hubAuthority + "/devices/fz-other",
                        f.hubAuthority + "/devices/" + d.device.orElseThrow().id() + "/modules/m1", f.hubAuthority));
                default -> Json.pick(r, List.of("other.invalid", "127.0.0.2", "localhost.evil", "evil/localhost"));
            };
            d.request.setHeader("Authorization", Sas.header(resource, token.key(), f.farExpiry(), token.skn()));
            d.authorization(Credentials.INVALID);
            return "sr=" + resource;
        }));
        all.add(new Mutation("sas.wrong-policy", Kind.CREDENTIALS, Mutations::hasSas, (d, r, f) -> {
            TokenParts token = parts(d, f);
            Optional<String> skn = switch (d.family) {
                case DPS_DEVICE -> Optional.of(Json.pick(r, List.of(Fixture.SERVICE_POLICY, "iothubowner", "device", "x".repeat(1000))));
                case HUB -> Optional.of(Json.pick(r, List.of("registration", "iothubowner", "device", Fixture.SERVICE_POLICY)));
                default -> Json.pick(r, List.of(Optional.of("registration"), Optional.<String>empty(), Optional.of(""),
                        Optional.of("iothubowner"), Optional.of("provisioningserviceowner2"), Optional.of("registryRead")));
            };
            d.request.setHeader("Authorization", Sas.header(token.resource(), token.key(), f.farExpiry(), skn));
            d.authorization(Credentials.INVALID);
            return "skn=" + skn.map(s -> s.length() > 30 ? s.substring(0, 30) + "..." : s).orElse("(none)");
        }));
        all.add(new Mutation("sas.policy-case", Kind.CREDENTIALS, d -> d.family == Family.SERVICE || d.family == Family.ADMIN, (d, r, f) -> {
            TokenParts token = parts(d, f);
            d.request.setHeader("Authorization", Sas.header(token.resource(), token.key(), f.farExpiry(), Optional.of("ProvisioningServiceOwner")));
            d.authorization(Credentials.UNKNOWN);
            return "";
        }));
        all.add(new Mutation("sas.other-api", Kind.CREDENTIALS, d -> true, (d, r, f) -> {
            String token;
            String what;
            Fixture.Device device = f.devices.getFirst();
            if ((d.family == Family.SERVICE || d.family == Family.ADMIN) && r.nextBoolean()) {
                token = d.family == Family.SERVICE ? f.adminToken() : f.serviceToken();
                what = d.family == Family.SERVICE ? "the admin key's token" : "the service policy's token";
            } else if (d.family == Family.SERVICE || d.family == Family.ADMIN) {
                token = r.nextBoolean() ? f.dpsToken(device) : f.hubToken(device);
                what = "a device's token";
            } else if (r.nextBoolean()) {
                token = f.serviceToken();
                what = "the service policy's token";
            } else {
                Fixture.Device me = d.device.filter(Fixture.Device::usesSas).orElse(device);
                token = d.family == Family.HUB ? f.dpsToken(me) : f.hubToken(me);
                what = d.family == Family.HUB ? "the device's DPS token" : "the device's hub token";
            }
            d.request.setHeader("Authorization", token);
            d.authorization(Credentials.INVALID);
            return what;
        }));
        all.add(new Mutation("sas.field-oddities", Kind.CREDENTIALS, Mutations::hasSas, (d, r, f) -> {
            String header = d.request.header("Authorization").orElse("");
            String fields = header.substring(header.indexOf(' ') + 1);
            String changed = switch (r.nextInt(8)) {
                case 0 -> "SharedAccessSignature " + reorder(fields, r);
                case 1 -> header + "&foo=bar";
                case 2 -> header + "&";
                case 3 -> "sharedaccesssignature " + fields;
                case 4 -> "SharedAccessSignature  \t" + fields + " ";
                case 5 -> "SharedAccessSignature " + fields.replace("sr=", "sr=" + "%20");
                case 6 -> "SharedAccessSignature " + fields.replace("=", " = ");
                default -> header + "&sr=other";
            };
            d.request.setHeader("Authorization", changed);
            d.authorizationAltered();
            return "'" + Printable.escape(changed.length() > 40 ? changed.substring(0, 40) + "..." : changed) + "'";
        }));
        all.add(new Mutation("x509.bad-certificate", Kind.CREDENTIALS, d -> true, (d, r, f) -> {
            d.identity = Json.pick(r, f.badIdentities);
            // A CA certificate as a device's is odd but not plainly wrong (no rule forbids it); the others are.
            d.certificate(d.identity.equals("ca-as-device") ? Credentials.UNKNOWN : Credentials.INVALID);
            return d.identity;
        }));
        all.add(new Mutation("x509.other-device", Kind.CREDENTIALS, Draft::usesCertificate, (d, r, f) -> {
            d.identity = d.device.orElseThrow().id().equals("fz-x509-self") ? "fz-x509-ca" : "fz-x509-self";
            d.certificate(Credentials.INVALID);
            return d.identity;
        }));
        all.add(new Mutation("x509.none", Kind.CREDENTIALS, Draft::usesCertificate, (d, r, f) -> {
            d.identity = Fixture.ANONYMOUS;
            d.certificate(Credentials.INVALID);
            return "";
        }));
        all.add(new Mutation("x509.certificate-instead-of-token", Kind.CREDENTIALS,
                d -> d.family == Family.SERVICE || d.family == Family.ADMIN || d.device.map(Fixture.Device::usesSas).orElse(false),
                (d, r, f) -> {
                    d.request.removeHeader("Authorization");
                    d.identity = Json.pick(r, List.of("fz-x509-self", "fz-x509-ca"));
                    d.certificate(d.device.map(device -> device.id().equals(d.identity)).orElse(false) ? Credentials.VALID : Credentials.INVALID);
                    return d.identity;
                }));
    }

    // ---- JSON ------------------------------------------------------------------------------------

    private static boolean hasJson(Draft d) {
        return d.request.json != null;
    }

    private static void addJson(List<Mutation> all) {
        all.add(new Mutation("json.edge-number", Kind.JSON, Mutations::hasJson, (d, r, f) -> {
            String number = Json.pick(r, EDGE_NUMBERS);
            String where = replaceSomewhere(d, r, new Json.Literal(number), true);
            return where + " = " + (number.length() > 30 ? number.substring(0, 12) + "...(" + number.length() + " chars)" : number);
        }));
        all.add(new Mutation("json.edge-string", Kind.JSON, Mutations::hasJson, (d, r, f) -> {
            String text = Json.pick(r, EDGE_STRINGS);
            String where = replaceSomewhere(d, r, new Json.Str(text), false);
            return where + " = '" + Printable.escape(text.length() > 30 ? text.substring(0, 12) + "...(" + text.length() + " chars)" : text) + "'";
        }));
        all.add(new Mutation("json.type-swap", Kind.JSON, Mutations::hasJson, (d, r, f) -> {
            Json value = Json.pick(r, List.of(Json.Arr.of(), Json.Obj.of(), new Json.Literal("true"), new Json.Literal("null"),
                    new Json.Str("x"), new Json.Literal("1"), Json.Arr.of(1, "a", Json.Obj.of())));
            return replaceSomewhere(d, r, value, false) + " = " + new String(value.bytes(), StandardCharsets.UTF_8);
        }));
        all.add(new Mutation("json.deep", Kind.JSON, Mutations::hasJson, (d, r, f) -> {
            int depth = Json.pick(r, List.of(100, 999, 1001, 2000, 20_000, 100_000));
            boolean arrays = r.nextBoolean();
            String deep = arrays ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
            String where = r.nextInt(3) == 0 ? root(d, Json.Raw.text(deep)) : replaceSomewhere(d, r, Json.Raw.text(deep), false);
            return where + " nested " + depth + (arrays ? " arrays" : " objects");
        }));
        all.add(new Mutation("json.huge-number", Kind.JSON, Mutations::hasJson, (d, r, f) -> {
            int digits = Json.pick(r, List.of(1101, 5000, 100_000));
            String number = (r.nextBoolean() ? "" : "-") + "9".repeat(digits) + (r.nextBoolean() ? "" : "." + "9".repeat(digits))
                    + (r.nextBoolean() ? "" : "e" + "9".repeat(12));
            return replaceSomewhere(d, r, new Json.Literal(number), true) + " = a " + digits + "-digit number";
        }));
        all.add(new Mutation("json.lone-surrogate", Kind.JSON, Mutations::hasJson, (d, r, f) -> {
            String escape = Json.pick(r, List.of("\\ud800", "a\\udc00b", "\\ud800\\ud800", "\\udbff", "\\uDFFF\\uD800", "x\\ud83d"));
            return replaceSomewhere(d, r, Json.Raw.text("\"" + escape + "\""), false) + " = \"" + escape + "\"";
        }));
        all.add(new Mutation("json.invalid-utf8", Kind.JSON, Mutations::hasJson, (d, r, f) -> {
            byte[] bad = Json.pick(r, INVALID_UTF8);
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            text.write('"');
            text.writeBytes("ab".getBytes(StandardCharsets.US_ASCII));
            text.writeBytes(bad);
            text.write('"');
            return replaceSomewhere(d, r, new Json.Raw(text.toByteArray()), false) + " holds bytes " + hex(bad);
        }));
        all.add(new Mutation("json.raw-control", Kind.JSON, Mutations::hasJson, (d, r, f) -> {
            String control = Json.pick(r, List.of("\u0000", "\u0001", "\n", "\t", "\u001f", "\r"));
            return replaceSomewhere(d, r, Json.Raw.text("\"a" + control + "b\""), false) + " holds an unescaped " + hex(control.getBytes(StandardCharsets.US_ASCII));
        }));
        all.add(new Mutation("json.duplicate-key", Kind.JSON, d -> d.request.json instanceof Json.Obj obj && !obj.fields().isEmpty(), (d, r, f) -> {
            Json.Obj obj = (Json.Obj) d.request.json;
            String name = Json.pick(r, List.copyOf(obj.fields().keySet()));
            byte[] body = obj.bytes();
            String text = new String(body, StandardCharsets.UTF_8);
            String dup = "\"" + name + "\":" + Json.pick(r, List.of("\"other\"", "null", "{}", "1"));
            d.request.body(("{" + dup + (text.length() > 2 ? "," : "") + text.substring(1)).getBytes(StandardCharsets.UTF_8));
            return "'" + name + "' twice";
        }));
        all.add(new Mutation("json.many-members", Kind.JSON, Mutations::hasJson, (d, r, f) -> {
            int count = Json.pick(r, List.of(1000, 10_000, 100_000));
            StringBuilder many = new StringBuilder();
            boolean object = r.nextBoolean();
            many.append(object ? '{' : '[');
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    many.append(',');
                }
                many.append(object ? "\"k" + i + "\":" + i : Integer.toString(i));
            }
            many.append(object ? '}' : ']');
            return replaceSomewhere(d, r, Json.Raw.text(many.toString()), false) + " with " + count + (object ? " members" : " items");
        }));
        all.add(new Mutation("json.drop-member", Kind.JSON, d -> hasJson(d) && !Json.slots(d.request.json).isEmpty(), (d, r, f) -> {
            List<Json.Slot> slots = Json.slots(d.request.json).stream().filter(s -> s instanceof Json.FieldSlot).toList();
            if (slots.isEmpty()) {
                return "nothing to drop";
            }
            Json.FieldSlot slot = (Json.FieldSlot) Json.pick(r, slots);
            slot.parent().fields().remove(slot.name());
            return "'" + slot.name() + "'";
        }));
        all.add(new Mutation("json.unknown-member", Kind.JSON, d -> d.request.json instanceof Json.Obj, (d, r, f) -> {
            String name = Json.pick(r, List.of("unknown", "__proto__", "constructor", "", "registrationId ", "\u00e9", "x".repeat(10_000)));
            ((Json.Obj) d.request.json).fields().put(name, new Json.Str("v"));
            return "'" + (name.length() > 20 ? name.substring(0, 20) + "..." : name) + "'";
        }));
        all.add(new Mutation("json.syntax", Kind.JSON, d -> d.jsonBody, (d, r, f) -> {
            String text = Json.pick(r, MALFORMED_JSON);
            d.request.body(text.getBytes(StandardCharsets.UTF_8));
            return "'" + Printable.escape(text) + "'";
        }));
        all.add(new Mutation("json.truncated", Kind.JSON, Mutations::hasJson, (d, r, f) -> {
            byte[] body = d.request.bodyBytes();
            int keep = body.length == 0 ? 0 : r.nextInt(body.length);
            d.request.body(java.util.Arrays.copyOf(body, keep));
            return keep + " of " + body.length + " bytes";
        }));
        all.add(new Mutation("json.trailing", Kind.JSON, Mutations::hasJson, (d, r, f) -> {
            String tail = Json.pick(r, List.of("}", "]]", "xyz", ",", "\u0000", " {}", "\n\n\n", "// comment", "{\"a\":1}"));
            d.request.body(concat(d.request.bodyBytes(), tail.getBytes(StandardCharsets.UTF_8)));
            return "'" + Printable.escape(tail) + "'";
        }));
        all.add(new Mutation("json.encoding", Kind.JSON, Mutations::hasJson, (d, r, f) -> {
            String text = new String(d.request.bodyBytes(), StandardCharsets.UTF_8);
            switch (r.nextInt(4)) {
                case 0 -> {
                    d.request.body(text.getBytes(StandardCharsets.UTF_16BE));
                    return "UTF-16BE";
                }
                case 1 -> {
                    d.request.body(text.getBytes(StandardCharsets.UTF_16));
                    return "UTF-16 with BOM";
                }
                case 2 -> {
                    d.request.body(concat(bytes(0xEF, 0xBB, 0xBF), text.getBytes(StandardCharsets.UTF_8)));
                    return "UTF-8 BOM";
                }
                default -> {
                    d.request.body(text.getBytes(StandardCharsets.ISO_8859_1));
                    return "Latin-1";
                }
            }
        }));
        all.add(new Mutation("json.padded", Kind.JSON, Mutations::hasJson, (d, r, f) -> {
            int size = Json.pick(r, List.of(300_000, 1_100_000, 4_000_000));
            byte[] body = d.request.bodyBytes();
            byte[] padded = new byte[body.length + size];
            System.arraycopy(body, 0, padded, 0, body.length);
            java.util.Arrays.fill(padded, body.length, padded.length, (byte) ' ');
            d.request.body(padded);
            return size + " bytes of trailing whitespace";
        }));
    }

    /** Puts {@code value} at a random place of the body (one holding a scalar when {@code scalarOnly}), or at the root. */
    private static String replaceSomewhere(Draft d, SplittableRandom r, Json value, boolean preferScalar) {
        List<Json.Slot> slots = Json.slots(d.request.json);
        if (preferScalar) {
            List<Json.Slot> scalars = slots.stream().filter(s -> s.get() instanceof Json.Literal || s.get() instanceof Json.Str).toList();
            if (!scalars.isEmpty() && r.nextInt(4) > 0) {
                slots = scalars;
            }
        }
        if (slots.isEmpty()) {
            return root(d, value);
        }
        Json.Slot slot = Json.pick(r, slots);
        slot.set(value);
        return slot.name().isEmpty() ? "an item" : "'" + slot.name() + "'";
    }

    private static String root(Draft d, Json value) {
        d.request.json = value;
        return "the body";
    }

    // ---- content type ----------------------------------------------------------------------------

    private static void addContentTypes(List<Mutation> all) {
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

    // ---- headers ---------------------------------------------------------------------------------

    private static void addHeaders(List<Mutation> all) {
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

    // ---- body bytes ------------------------------------------------------------------------------

    private static void addBody(List<Mutation> all) {
        all.add(new Mutation("body.bytes", Kind.BODY, d -> true, (d, r, f) -> {
            int size = Json.pick(r, List.of(0, 1, 100, 65_537, 262_145, 600_000));
            byte[] body = new byte[size];
            r.nextBytes(body);
            d.request.body(body);
            return size + " random bytes";
        }));
        all.add(new Mutation("body.on-bodiless", Kind.BODY, d -> !d.request.hasBody(), (d, r, f) -> {
            d.request.body("{\"registrationId\":\"x\"}".getBytes(StandardCharsets.UTF_8));
            return "a body on " + d.request.method;
        }));
    }

    // ---- framing ---------------------------------------------------------------------------------

    private static void addFraming(List<Mutation> all) {
        all.add(new Mutation("framing.chunked", Kind.FRAMING, d -> true, (d, r, f) -> {
            if (!d.request.hasBody()) {
                d.request.json = Json.Obj.of("registrationId", "x");
            }
            d.request.framing = RawRequest.Framing.CHUNKED;
            d.request.chunkCount = 1 + r.nextInt(10);
            return d.request.chunkCount + " chunks";
        }));
        all.add(new Mutation("framing.bad-chunk-size", Kind.FRAMING, d -> true, (d, r, f) -> {
            String size = Json.pick(r, List.of("zz", "99999999999999999999", "-1", "0x10", " 5", "5 ", "+5", "ffffffffffffffff",
                    "7fffffffffffffff", "", "1;", "5;" + "e".repeat(20_000), "80000000", "0000000000000000000000005", "5\u0000"));
            byte[] content = ensureBody(d);
            chunkedAsIs(d, concat(Printable.ascii(size + "\r\n"), content, Printable.ascii("\r\n0\r\n\r\n")));
            return "chunk size '" + Printable.escape(size.length() > 30 ? size.substring(0, 30) + "..." : size) + "'";
        }));
        all.add(new Mutation("framing.trailer", Kind.FRAMING, d -> true, (d, r, f) -> {
            String trailer = Json.pick(r, List.of("X-Trailer: 1\r\n", "X-T: " + "a".repeat(20_000) + "\r\n", "Content-Length: 5\r\n",
                    "Authorization: garbage\r\n", "X-T: 1\r\n".repeat(1000), "NoColon\r\n", "Transfer-Encoding: chunked\r\n"));
            byte[] content = ensureBody(d);
            chunkedAsIs(d, concat(RawRequest.chunked(content, 2, "\r\n"), new byte[0]));
            byte[] body = d.request.body;
            // replace the final CRLF of "0\r\n\r\n" by the trailer section
            byte[] trailed = concat(java.util.Arrays.copyOf(body, body.length - 2), Printable.ascii(trailer + "\r\n"));
            d.request.body = trailed;
            return trailer.length() > 40 ? trailer.length() + " bytes of trailer" : "'" + Printable.escape(trailer) + "'";
        }));
        all.add(new Mutation("framing.unterminated-chunks", Kind.FRAMING, d -> true, (d, r, f) -> {
            byte[] content = ensureBody(d);
            byte[] full = RawRequest.chunked(content, 2, "\r\n");
            chunkedAsIs(d, java.util.Arrays.copyOf(full, full.length - 5));
            return "";
        }));
        all.add(new Mutation("framing.length-and-chunked", Kind.FRAMING, d -> true, (d, r, f) -> {
            byte[] content = ensureBody(d);
            byte[] chunked = RawRequest.chunked(content, 2, "\r\n");
            String length = Json.pick(r, List.of(Integer.toString(content.length), "0", Integer.toString(chunked.length),
                    Integer.toString(chunked.length + 10), "4"));
            boolean lengthFirst = r.nextBoolean();
            String te = Json.pick(r, List.of("chunked", "Chunked", "chunked ", "gzip, chunked", "identity, chunked"));
            d.request.framing = RawRequest.Framing.AS_IS;
            d.request.removeHeader("Content-Length");
            d.request.removeHeader("Transfer-Encoding");
            if (lengthFirst) {
                d.request.header("Content-Length", length);
                d.request.header("Transfer-Encoding", te);
            } else {
                d.request.header("Transfer-Encoding", te);
                d.request.header("Content-Length", length);
            }
            d.request.body(chunked);
            d.request.answersExpected = 2;
            return "Content-Length " + length + " and Transfer-Encoding '" + te + "'";
        }));
        all.add(new Mutation("framing.transfer-encoding", Kind.FRAMING, d -> true, (d, r, f) -> {
            byte[] content = ensureBody(d);
            String te = Json.pick(r, List.of("gzip", "chunked, gzip", "xchunked", "Chunked", " chunked", "chunked\t", "identity",
                    "chunked, chunked", "deflate", "", "chunked;q=1"));
            boolean chunkedBody = te.strip().toLowerCase(Locale.ROOT).endsWith("chunked");
            d.request.framing = RawRequest.Framing.AS_IS;
            d.request.removeHeader("Content-Length");
            d.request.removeHeader("Transfer-Encoding");
            d.request.header("Transfer-Encoding", te);
            if (r.nextInt(4) == 0) {
                d.request.header("Transfer-Encoding", "chunked");
            }
            d.request.body(chunkedBody ? RawRequest.chunked(content, 2, "\r\n") : content);
            d.request.answersExpected = 2;
            return "'" + Printable.escape(te) + "'";
        }));
        all.add(new Mutation("framing.length-short", Kind.FRAMING, d -> true, (d, r, f) -> {
            byte[] content = ensureBody(d);
            int length = r.nextInt(Math.max(1, content.length));
            d.request.framing = RawRequest.Framing.AS_IS;
            d.request.setHeader("Content-Length", Integer.toString(length));
            d.request.body(content);
            d.request.answersExpected = 2;
            return length + " for " + content.length + " bytes";
        }));
        all.add(new Mutation("framing.length-long", Kind.FRAMING, d -> true, (d, r, f) -> {
            byte[] content = ensureBody(d);
            int length = content.length + 1 + r.nextInt(1000);
            d.request.framing = RawRequest.Framing.AS_IS;
            d.request.setHeader("Content-Length", Integer.toString(length));
            d.request.body(content);
            return length + " for " + content.length + " bytes";
        }));
        all.add(new Mutation("framing.length-twice", Kind.FRAMING, d -> true, (d, r, f) -> {
            byte[] content = ensureBody(d);
            String other = r.nextBoolean() ? Integer.toString(content.length) : Integer.toString(content.length + 1);
            d.request.framing = RawRequest.Framing.AS_IS;
            d.request.setHeader("Content-Length", Integer.toString(content.length));
            d.request.header("Content-Length", other);
            d.request.body(content);
            return content.length + " and " + other;
        }));
        all.add(new Mutation("framing.length-malformed", Kind.FRAMING, d -> true, (d, r, f) -> {
            byte[] content = ensureBody(d);
            String length = Json.pick(r, List.of("-1", "abc", "1e3", "99999999999999999999", "+" + content.length, "0x10",
                    content.length + ", " + content.length, "9223372036854775807", "2147483648", "", content.length + "\u0000",
                    "0" + content.length, "\u0661"));
            d.request.framing = RawRequest.Framing.AS_IS;
            d.request.setHeader("Content-Length", length);
            d.request.body(content);
            d.request.answersExpected = 2;
            return "'" + Printable.escape(length) + "'";
        }));
        all.add(new Mutation("framing.no-length", Kind.FRAMING, d -> true, (d, r, f) -> {
            byte[] content = ensureBody(d);
            d.request.framing = RawRequest.Framing.AS_IS;
            d.request.removeHeader("Content-Length");
            d.request.removeHeader("Transfer-Encoding");
            d.request.body(content);
            d.request.answersExpected = 2;
            return content.length + " bytes with neither Content-Length nor chunked";
        }));
        all.add(new Mutation("framing.pipelined", Kind.FRAMING, d -> true, (d, r, f) -> {
            if (r.nextBoolean()) {
                d.request.suffix = concat(d.request.suffix, d.request.bytesAlone());
                d.request.answerMethods.add(d.request.methodUpper());
                d.request.repeats.add(true);
                d.request.answersExpected++;
                return "the same request twice";
            }
            String second = "GET /dpsrig/faults HTTP/1.1\r\nHost: " + f.dpsAuthority + "\r\n\r\n";
            d.request.suffix = concat(d.request.suffix, Printable.ascii(second));
            d.request.answerMethods.add("GET");
            d.request.repeats.add(false);
            d.request.answersExpected++;
            return "then an unauthenticated GET /dpsrig/faults";
        }));
        all.add(new Mutation("framing.smuggled", Kind.FRAMING, d -> true, (d, r, f) -> {
            String smuggled = "GET /dpsrig/faults HTTP/1.1\r\nHost: " + f.dpsAuthority + "\r\nX: ";
            byte[] chunked = Printable.ascii("0\r\n\r\n" + smuggled);
            d.request.framing = RawRequest.Framing.AS_IS;
            d.request.removeHeader("Content-Length");
            d.request.removeHeader("Transfer-Encoding");
            if (r.nextBoolean()) {
                d.request.header("Content-Length", Integer.toString(chunked.length));
                d.request.header("Transfer-Encoding", "chunked");
                d.request.body(chunked);
                d.request.answersExpected = 2;
                return "CL.TE";
            }
            d.request.header("Transfer-Encoding", "chunked");
            d.request.header("Content-Length", "3");
            d.request.body(Printable.ascii("8\r\nSMUGGLED\r\n0\r\n\r\n"));
            d.request.answersExpected = 2;
            return "TE.CL";
        }));
        all.add(new Mutation("framing.lf-only", Kind.FRAMING, d -> true, (d, r, f) -> {
            d.request.lineEnd = "\n";
            return "";
        }));
        all.add(new Mutation("framing.leading-blank-lines", Kind.FRAMING, d -> true, (d, r, f) -> {
            d.request.prefix = Printable.ascii(Json.pick(r, List.of("\r\n", "\r\n\r\n\r\n", "\n", " ", "\u0000", "\r\n".repeat(10_000))));
            return d.request.prefix.length + " bytes";
        }));
    }

    private static byte[] ensureBody(Draft d) {
        if (!d.request.hasBody()) {
            d.request.json = Json.Obj.of("registrationId", "x");
        }
        return d.request.bodyBytes();
    }

    private static void chunkedAsIs(Draft d, byte[] body) {
        d.request.framing = RawRequest.Framing.AS_IS;
        d.request.removeHeader("Content-Length");
        d.request.setHeader("Transfer-Encoding", "chunked");
        d.request.body(body);
        d.request.answersExpected = 2;
    }

    // ---- request line ----------------------------------------------------------------------------

    private static void addRequestLine(List<Mutation> all) {
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

    // ---- helpers ---------------------------------------------------------------------------------

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

    private static String reorder(String fields, SplittableRandom r) {
        List<String> parts = new ArrayList<>(List.of(fields.split("&")));
        for (int i = parts.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            String swap = parts.get(i);
            parts.set(i, parts.get(j));
            parts.set(j, swap);
        }
        return String.join("&", parts);
    }

    private static String repeat(String text, int times) {
        return text.repeat(times);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format("%02X ", b & 0xff));
        }
        return out.toString().strip();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
