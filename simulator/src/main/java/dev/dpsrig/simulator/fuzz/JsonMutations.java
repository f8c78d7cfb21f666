package dev.dpsrig.simulator.fuzz;

import dev.dpsrig.simulator.fuzz.Mutations.Kind;
import dev.dpsrig.simulator.fuzz.Mutations.Mutation;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mutations of the JSON body: edge numbers and strings, swapped types, deep nesting, huge numbers, lone
 * surrogates, invalid UTF-8, raw control characters, duplicate, many, dropped and unknown members, broken
 * syntax, truncation, trailing bytes, other encodings and padding.
 */
final class JsonMutations {
    private static final String DIGITS = "1234567890";

    private static final List<String> EDGE_NUMBERS = List.of("0", "-1", "-0", "1.5", "1e309", "-1e309", "1E-400", "9223372036854775807",
            "9223372036854775808", "-9223372036854775809", "2147483647", "2147483648", "-2147483649", "18446744073709551616",
            "1e10", "1e999999999", "123456789012345678901234567890", "0.000000000000000000000000000001", DIGITS.repeat(111),
            "1" + "0".repeat(5000), "0." + DIGITS.repeat(120), "-" + DIGITS.repeat(2000));

    private static final List<String> EDGE_STRINGS = List.of("", " ", "a".repeat(300), "x".repeat(70_000), "\u0000", "\u0001\u001f",
            "\u007f", "\u00e9", "\u65e5\u672c", "\ud83d\ude00", "\ufeff", "../..", "%00", "%zz", "\\", "\"", "null", "true", "0",
            "a b", "a/b", "a:b", "a?b", "a#b", "\ud800", "\udc00x", "\ud800\ud800", "CON", "-1", "1e400", "\r\nX-Injected: 1");

    private static final List<byte[]> INVALID_UTF8 = List.of(Bytes.of(0xC3, 0x28), Bytes.of(0xFF), Bytes.of(0xFE, 0xFF),
            Bytes.of(0xC0, 0xAF), Bytes.of(0xE2, 0x82), Bytes.of(0xF8, 0x88, 0x80, 0x80, 0x80), Bytes.of(0x80),
            Bytes.of(0xED, 0xA0, 0x80), Bytes.of(0xED, 0xBF, 0xBF), Bytes.of(0xF4, 0x90, 0x80, 0x80), Bytes.of(0xC1, 0xBF),
            Bytes.of(0xE0, 0x80, 0xAF));

    private static final List<String> MALFORMED_JSON = List.of("", " ", "null", "[]", "{}", "\"text\"", "1", "true", "{\"a\":}",
            "{a:1}", "{'a':1}", "{\"a\":1,}", "[1,]", "{\"a\" 1}", "/*c*/{}", "{\"a\":1}{\"b\":2}", "{\"a\":01}", "{\"a\":.5}",
            "{\"a\":+1}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":\"\\x41\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\ud800\"}",
            "{\"a\":\"\\udfff\\ud800\"}", "{", "}", "[", "{\"a\":[}", "{\"\":\"\"}", "{\"a\":1e}", "{\"a\":-}", "{\"a\":\"\t\"}",
            "\u0000", "{\"a\":\"b\"\u0000}", "{\"registrationId\":[\"x\"]}", "{\"registrationId\":{\"$ref\":\"#\"}}");

    private JsonMutations() {
    }

    /** Adds the JSON body mutations to {@code all}, in catalogue order. */
    static void addTo(List<Mutation> all) {
        all.add(new Mutation("json.edge-number", Kind.JSON, JsonMutations::hasJson, (d, r, f) -> {
            String number = Json.pick(r, EDGE_NUMBERS);
            String where = replaceSomewhere(d, r, new Json.Literal(number), true);
            return where + " = " + (number.length() > 30 ? number.substring(0, 12) + "...(" + number.length() + " chars)" : number);
        }));
        all.add(new Mutation("json.edge-string", Kind.JSON, JsonMutations::hasJson, (d, r, f) -> {
            String text = Json.pick(r, EDGE_STRINGS);
            String where = replaceSomewhere(d, r, new Json.Str(text), false);
            return where + " = '" + Printable.escape(text.length() > 30 ? text.substring(0, 12) + "...(" + text.length() + " chars)" : text) + "'";
        }));
        all.add(new Mutation("json.type-swap", Kind.JSON, JsonMutations::hasJson, (d, r, f) -> {
            Json value = Json.pick(r, List.of(Json.Arr.of(), Json.Obj.of(), new Json.Literal("true"), new Json.Literal("null"),
                    new Json.Str("x"), new Json.Literal("1"), Json.Arr.of(1, "a", Json.Obj.of())));
            return replaceSomewhere(d, r, value, false) + " = " + new String(value.bytes(), StandardCharsets.UTF_8);
        }));
        all.add(new Mutation("json.deep", Kind.JSON, JsonMutations::hasJson, (d, r, f) -> {
            int depth = Json.pick(r, List.of(100, 999, 1001, 2000, 20_000, 100_000));
            boolean arrays = r.nextBoolean();
            String deep = arrays ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
            String where = r.nextInt(3) == 0 ? root(d, Json.Raw.text(deep)) : replaceSomewhere(d, r, Json.Raw.text(deep), false);
            return where + " nested " + depth + (arrays ? " arrays" : " objects");
        }));
        all.add(new Mutation("json.huge-number", Kind.JSON, JsonMutations::hasJson, (d, r, f) -> {
            int digits = Json.pick(r, List.of(1101, 5000, 100_000));
            String number = (r.nextBoolean() ? "" : "-") + "9".repeat(digits) + (r.nextBoolean() ? "" : "." + "9".repeat(digits))
                    + (r.nextBoolean() ? "" : "e" + "9".repeat(12));
            return replaceSomewhere(d, r, new Json.Literal(number), true) + " = a " + digits + "-digit number";
        }));
        all.add(new Mutation("json.lone-surrogate", Kind.JSON, JsonMutations::hasJson, (d, r, f) -> {
            String escape = Json.pick(r, List.of("\\ud800", "a\\udc00b", "\\ud800\\ud800", "\\udbff", "\\uDFFF\\uD800", "x\\ud83d"));
            return replaceSomewhere(d, r, Json.Raw.text("\"" + escape + "\""), false) + " = \"" + escape + "\"";
        }));
        all.add(new Mutation("json.invalid-utf8", Kind.JSON, JsonMutations::hasJson, (d, r, f) -> {
            byte[] bad = Json.pick(r, INVALID_UTF8);
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            text.write('"');
            text.writeBytes("ab".getBytes(StandardCharsets.US_ASCII));
            text.writeBytes(bad);
            text.write('"');
            return replaceSomewhere(d, r, new Json.Raw(text.toByteArray()), false) + " holds bytes " + hex(bad);
        }));
        all.add(new Mutation("json.raw-control", Kind.JSON, JsonMutations::hasJson, (d, r, f) -> {
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
        all.add(new Mutation("json.many-members", Kind.JSON, JsonMutations::hasJson, (d, r, f) -> {
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
        all.add(new Mutation("json.truncated", Kind.JSON, JsonMutations::hasJson, (d, r, f) -> {
            byte[] body = d.request.bodyBytes();
            int keep = body.length == 0 ? 0 : r.nextInt(body.length);
            d.request.body(java.util.Arrays.copyOf(body, keep));
            return keep + " of " + body.length + " bytes";
        }));
        all.add(new Mutation("json.trailing", Kind.JSON, JsonMutations::hasJson, (d, r, f) -> {
            String tail = Json.pick(r, List.of("}", "]]", "xyz", ",", "\u0000", " {}", "\n\n\n", "// comment", "{\"a\":1}"));
            d.request.body(Bytes.concat(d.request.bodyBytes(), tail.getBytes(StandardCharsets.UTF_8)));
            return "'" + Printable.escape(tail) + "'";
        }));
        all.add(new Mutation("json.encoding", Kind.JSON, JsonMutations::hasJson, (d, r, f) -> {
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
                    d.request.body(Bytes.concat(Bytes.of(0xEF, 0xBB, 0xBF), text.getBytes(StandardCharsets.UTF_8)));
                    return "UTF-8 BOM";
                }
                default -> {
                    d.request.body(text.getBytes(StandardCharsets.ISO_8859_1));
                    return "Latin-1";
                }
            }
        }));
        all.add(new Mutation("json.padded", Kind.JSON, JsonMutations::hasJson, (d, r, f) -> {
            int size = Json.pick(r, List.of(300_000, 1_100_000, 4_000_000));
            byte[] body = d.request.bodyBytes();
            byte[] padded = new byte[body.length + size];
            System.arraycopy(body, 0, padded, 0, body.length);
            java.util.Arrays.fill(padded, body.length, padded.length, (byte) ' ');
            d.request.body(padded);
            return size + " bytes of trailing whitespace";
        }));
    }

    private static boolean hasJson(Draft d) {
        return d.request.json != null;
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

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format("%02X ", b & 0xff));
        }
        return out.toString().strip();
    }
}
