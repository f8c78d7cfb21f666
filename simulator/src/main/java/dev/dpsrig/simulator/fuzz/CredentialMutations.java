package dev.dpsrig.simulator.fuzz;

import dev.dpsrig.simulator.fuzz.Draft.Credentials;
import dev.dpsrig.simulator.fuzz.Draft.Family;
import dev.dpsrig.simulator.fuzz.Mutations.Kind;
import dev.dpsrig.simulator.fuzz.Mutations.Mutation;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Mutations of the credentials: SAS tokens missing, malformed, expired, tampered with, signed with the
 * wrong key, for another device, resource, policy or API, or with odd fields; client certificates that
 * must be refused, another device's, none, or a certificate where a token was expected.
 */
final class CredentialMutations {
    private static final List<String> BAD_AUTHORIZATION = List.of("", " ", "Basic Zm9vOmJhcg==", "Bearer abc", "SharedAccessSignature",
            "SharedAccessSignature ", "SharedAccessSignature sr=", "SharedAccessSignature sr=a&sig=b&se=c",
            "SharedAccessSignature sr=&sig=&se=", "SharedAccessSignature &&&", "SharedAccessSignature sr=x&sr=y&sig=z&se=1",
            "SharedAccessSignature sr=%zz&sig=%zz&se=1", "SharedAccessSignature " + "x".repeat(20_000),
            "SharedAccessSignature sr=" + "a".repeat(100_000) + "&sig=a&se=1", "SharedAccessSignature sr=a&sig=\u00ff&se=1",
            "SharedAccessSignature =&=&=", "SharedAccessSignature sr=a&sig=" + "A".repeat(44) + "&se=99999999999999999999");

    private CredentialMutations() {
    }

    /** Adds the credential mutations to {@code all}, in catalogue order. */
    static void addTo(List<Mutation> all) {
        all.add(new Mutation("sas.missing", Kind.CREDENTIALS, CredentialMutations::hasSas, (d, r, f) -> {
            d.request.removeHeader("Authorization");
            return "";
        }));
        all.add(new Mutation("sas.malformed", Kind.CREDENTIALS, d -> true, (d, r, f) -> {
            String bad = Json.pick(r, BAD_AUTHORIZATION);
            d.request.setHeader("Authorization", bad);
            d.authorization(Credentials.INVALID);
            return "'" + Printable.escape(bad.length() > 60 ? bad.substring(0, 60) + "..." : bad) + "'";
        }));
        all.add(new Mutation("sas.expired", Kind.CREDENTIALS, CredentialMutations::hasSas, (d, r, f) -> {
            TokenParts token = parts(d, f);
            String se = Json.pick(r, List.of(Long.toString(f.clock.instant().minusSeconds(86_400).getEpochSecond()),
                    Long.toString(f.clock.instant().minusSeconds(3600).getEpochSecond()), "0", "1", "-1", "-86400"));
            d.request.setHeader("Authorization", Sas.header(token.resource(), token.key(), se, token.skn()));
            d.authorization(Credentials.INVALID);
            return "se=" + se;
        }));
        all.add(new Mutation("sas.odd-expiry", Kind.CREDENTIALS, CredentialMutations::hasSas, (d, r, f) -> {
            TokenParts token = parts(d, f);
            String se = Json.pick(r, List.of("999999999999", "9223372036854775807", "9223372036854775808", "99999999999999999999",
                    "1e10", "0x7fffffff", "+" + f.farExpiry(), " " + f.farExpiry(), f.farExpiry() + ".5", "", "\u0661\u0662",
                    "0" + f.farExpiry(), "1".repeat(1000)));
            d.request.setHeader("Authorization", Sas.header(token.resource(), token.key(), se, token.skn()));
            // Correctly signed: a server may take a far expiry; what it must not do is fail on it.
            d.authorization(se.matches("\\d+") ? Credentials.UNKNOWN : Credentials.INVALID);
            return "se='" + Printable.escape(se.length() > 30 ? se.substring(0, 30) + "..." : se) + "'";
        }));
        all.add(new Mutation("sas.tampered", Kind.CREDENTIALS, CredentialMutations::hasSas, (d, r, f) -> {
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
        all.add(new Mutation("sas.own-key-other-resource", Kind.CREDENTIALS, CredentialMutations::hasSas, (d, r, f) -> {
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
        all.add(new Mutation("sas.wrong-policy", Kind.CREDENTIALS, CredentialMutations::hasSas, (d, r, f) -> {
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
        all.add(new Mutation("sas.field-oddities", Kind.CREDENTIALS, CredentialMutations::hasSas, (d, r, f) -> {
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
}
