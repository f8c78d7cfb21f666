package dev.dpsrig.simulator.fuzz;

import dev.dpsrig.simulator.fuzz.Mutations.Kind;
import dev.dpsrig.simulator.fuzz.Mutations.Mutation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Mutations of the body's bytes and of how they are framed: random bytes, a body where none belongs,
 * chunked encoding good and bad, trailers, Content-Length wrong, doubled, malformed or beside
 * Transfer-Encoding, pipelined and smuggled requests, bare LF line ends and leading blank lines.
 */
final class FramingMutations {
    private FramingMutations() {
    }

    /** Adds the body bytes mutations to {@code all}, in catalogue order. */
    static void addBody(List<Mutation> all) {
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

    /** Adds the framing mutations to {@code all}, in catalogue order. */
    static void addFraming(List<Mutation> all) {
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
            chunkedAsIs(d, Bytes.concat(Printable.ascii(size + "\r\n"), content, Printable.ascii("\r\n0\r\n\r\n")));
            return "chunk size '" + Printable.escape(size.length() > 30 ? size.substring(0, 30) + "..." : size) + "'";
        }));
        all.add(new Mutation("framing.trailer", Kind.FRAMING, d -> true, (d, r, f) -> {
            String trailer = Json.pick(r, List.of("X-Trailer: 1\r\n", "X-T: " + "a".repeat(20_000) + "\r\n", "Content-Length: 5\r\n",
                    "Authorization: garbage\r\n", "X-T: 1\r\n".repeat(1000), "NoColon\r\n", "Transfer-Encoding: chunked\r\n"));
            byte[] content = ensureBody(d);
            chunkedAsIs(d, Bytes.concat(RawRequest.chunked(content, 2, "\r\n"), new byte[0]));
            byte[] body = d.request.body;
            // replace the final CRLF of "0\r\n\r\n" by the trailer section
            byte[] trailed = Bytes.concat(java.util.Arrays.copyOf(body, body.length - 2), Printable.ascii(trailer + "\r\n"));
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
                d.request.suffix = Bytes.concat(d.request.suffix, d.request.bytesAlone());
                d.request.answerMethods.add(d.request.methodUpper());
                d.request.repeats.add(true);
                d.request.answersExpected++;
                return "the same request twice";
            }
            String second = "GET /dpsrig/faults HTTP/1.1\r\nHost: " + f.dpsAuthority + "\r\n\r\n";
            d.request.suffix = Bytes.concat(d.request.suffix, Printable.ascii(second));
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
}
