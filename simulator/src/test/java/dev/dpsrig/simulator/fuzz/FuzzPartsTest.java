package dev.dpsrig.simulator.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fuzzer's own parts that need no server: how it writes damaged JSON, reads answers and groups findings. */
class FuzzPartsTest {
    @Test
    void jsonKeepsWhatALibraryWouldRefuseToWrite() {
        Json.Obj body = Json.Obj.of("a", "\ud800", "b", new Json.Raw(new byte[] {'"', (byte) 0xC3, 0x28, '"'}), "n", new Json.Literal("1e999"));
        byte[] bytes = body.bytes();
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).isEqualTo("{\"a\":\"\\ud800\",\"b\":\"\u00c3(\",\"n\":1e999}");
    }

    @Test
    void answersAreReadByLengthChunkedAndWithoutBodyAfterHead() {
        byte[] data = ("HTTP/1.1 100 Continue\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                + "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"
                + "HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nbad\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);

        WireClient.Parsed parsed = WireClient.parse(data, List.of("GET", "HEAD", "PUT"), false);

        assertThat(parsed.complete()).isTrue();
        assertThat(parsed.answers()).extracting(Exchange.Answer::status).containsExactly(200, 200, 400);
        assertThat(parsed.answers()).extracting(Exchange.Answer::bodyText).containsExactly("ok", "", "bad");
    }

    @Test
    void anAnswerCutShortIsIncompleteUntilTheStreamEnds() {
        byte[] data = "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 10\r\n\r\nabc".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(WireClient.parse(data, List.of("GET"), false).answers()).isEmpty();
        assertThat(WireClient.parse(data, List.of("GET"), true).answers()).extracting(Exchange.Answer::status).containsExactly(500);
    }

    @Test
    void requestsPrintOnOneLineWithLongRunsShortened() {
        byte[] request = ("GET / HTTP/1.1\r\nX: " + "a".repeat(1000) + "\u00ff\r\n").getBytes(StandardCharsets.ISO_8859_1);

        assertThat(Printable.bytes(request, 200)).isEqualTo("GET / HTTP/1.1\\r\\nX: <1000 x a>\\xff\\r\\n");
    }

    @Test
    void serverErrorsGroupByWhatTheirMessageSays() {
        Exchange.Answer deep = new Exchange.Answer(500, "HTTP/1.1 500", ("{\"errorCode\":500001,\"message\":\"internal error:"
                + " java.lang.RuntimeException: Input is too deeply nested 1,000\"}").getBytes(StandardCharsets.UTF_8));
        Exchange.Answer hub = new Exchange.Answer(500, "HTTP/1.1 500", ("{\"Message\":\"{\\\"errorCode\\\":500001,\\\"message\\\":"
                + "\\\"internal error: java.lang.RuntimeException: Input is too deeply nested 1,000\\\"}\"}").getBytes(StandardCharsets.UTF_8));
        Exchange.Answer bare = new Exchange.Answer(500, "HTTP/1.1 500", new byte[0]);

        Exchange.Answer tracked = new Exchange.Answer(500, "HTTP/1.1 500", ("{\"errorCode\":500001,\"message\":\"internal error"
                + " (tracking id 0b1e7c1a-8b6e-4d3f-9a51-3f2c1d0e9f11): the simulator's log has the details\"}").getBytes(StandardCharsets.UTF_8));
        java.util.function.Function<String, java.util.Optional<String>> log = id -> id.equals("0b1e7c1a-8b6e-4d3f-9a51-3f2c1d0e9f11")
                ? java.util.Optional.of("java.lang.ArithmeticException: Overflow") : java.util.Optional.empty();

        assertThat(FuzzReport.cause(deep, log)).isEqualTo("java.lang.RuntimeException: Input is too deeply nested N")
                .isEqualTo(FuzzReport.cause(hub, log));
        assertThat(FuzzReport.cause(bare, log)).isEqualTo("no body: the HTTP layer's own answer");
        assertThat(FuzzReport.cause(tracked, log)).isEqualTo("logged: java.lang.ArithmeticException: Overflow");
    }

    @Test
    void casesWithoutAllTheirAnswersAreCountedByTheirLastMutation() {
        UnansweredCases unanswered = new UnansweredCases();
        Exchange.Answer answer = new Exchange.Answer(400, "HTTP/1.1 400", new byte[0]);
        unanswered.record(3, List.of("json.deep", "framing.smuggled CL.TE"), new Exchange(List.of(), Exchange.End.CLOSED, "", 1));
        unanswered.record(8, List.of("framing.smuggled CL.TE"), new Exchange(List.of(), Exchange.End.CLOSED, "", 1));
        unanswered.record(9, List.of("framing.length-long 800 for 22 bytes"), new Exchange(List.of(), Exchange.End.CLOSED, "", 1));
        unanswered.record(11, List.of("framing.pipelined then an unauthenticated GET /dpsrig/faults"),
                new Exchange(List.of(answer), Exchange.End.CLOSED, "", 1));
        unanswered.record(12, List.of(), new Exchange(List.of(answer), Exchange.End.ANSWERED, "", 1));
        java.io.StringWriter printed = new java.io.StringWriter();

        unanswered.print(new java.io.PrintWriter(printed, true));

        assertThat(printed.toString().lines().toList()).containsExactly(
                "no answer, by mutation kind: 3",
                "  framing.smuggled CL.TE: 2 (first: case 3)",
                "  framing.length-long: 1 (first: case 9); not answerable: the request ends inside its body, then the client's TLS"
                        + " close_notify, after which the web server's TLS sends nothing; RFC 9112 (section 8) says to close",
                "closed after answering (the rest of the bytes sent unanswered), by mutation kind: 1",
                "  framing.pipelined: 1 (first: case 11)");
    }

    @Test
    void only501And505AsTheRfcPrescribesThemAreNotFindings() {
        RawRequest patch = new RawRequest("PATCH", "/");
        RawRequest get = new RawRequest("GET", "/");
        RawRequest gzip = new RawRequest("POST", "/").header("Transfer-Encoding", "gzip");
        RawRequest http2 = new RawRequest("GET", "/");
        http2.version = "HTTP/2.0";
        RawRequest http10 = new RawRequest("GET", "/");
        http10.version = "HTTP/1.0";

        assertThat(FuzzReport.allowedByRfc(501, patch)).isTrue();
        assertThat(FuzzReport.allowedByRfc(501, gzip)).isTrue();
        assertThat(FuzzReport.allowedByRfc(501, get)).isFalse();
        assertThat(FuzzReport.allowedByRfc(505, http2)).isTrue();
        assertThat(FuzzReport.allowedByRfc(505, http10)).isFalse();
        assertThat(FuzzReport.allowedByRfc(500, patch)).isFalse();
    }

    @Test
    void neighbouringCasesGetUnrelatedStreams() {
        assertThat(Fuzzer.mix(14, 0)).isNotEqualTo(Fuzzer.mix(14, 1)).isNotEqualTo(Fuzzer.mix(15, 0));
        assertThat(Fuzzer.mix(14, 7)).isEqualTo(Fuzzer.mix(14, 7));
    }
}
