package dev.dpsrig.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.http.RequestException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestFramingTest {
    private final RequestFraming framing = new RequestFraming(4096, 16384, "127.0.0.1:8443");

    @Test
    void http11RequestsPassAsTheyCame() {
        String requests = "PUT /scope/registrations/d/register HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
                + "GET /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
                + "GET /b HTTP/1.1\r\nHost: x\r\n\r\n";

        assertThat(feed(requests, 7)).isEqualTo(requests);
        assertThat(feed(requests, 1)).isEqualTo(requests);
    }

    @Test
    void bodyBytesAreNotTakenForRequestLines() {
        String requests = "POST /a HTTP/1.1\r\nContent-Length: 17\r\n\r\nGET /x HTTP/1.0\r\n"
                + "GET /b HTTP/1.0\r\n\r\n";

        assertThat(feed(requests, 3)).isEqualTo("POST /a HTTP/1.1\r\nContent-Length: 17\r\n\r\nGET /x HTTP/1.0\r\n"
                + "GET /b HTTP/1.1\r\nHost: 127.0.0.1:8443\r\nConnection: close\r\n\r\n");
    }

    @Test
    void whatFollowsAWebSocketUpgradeIsNotTakenForRequests() {
        String upgrade = "GET /$iothub/websocket HTTP/1.1\r\nHost: x\r\nUpgrade: WebSocket\r\nConnection: keep-alive, Upgrade\r\n"
                + "Sec-WebSocket-Protocol: mqtt\r\n\r\n";
        // A masked binary frame: no request line, and a line of no HTTP grammar would be refused.
        String frame = "\u0082\u0084abcd\u0010\n\r\n";

        assertThat(feed(upgrade + frame, 5)).isEqualTo(upgrade + frame);
        assertThat(new String(framing.next(bytes(upgrade + frame)), StandardCharsets.ISO_8859_1)).isEqualTo(upgrade + frame);
        assertThat(framing.midRequest()).isFalse();
    }

    @Test
    void anUpgradeOtherThanAnMqttWebSocketLeavesTheChecksOn() {
        String h2c = "POST /a HTTP/1.1\r\nHost: x\r\nUpgrade: h2c\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                + "Content-Length: 2\r\n\r\nhi";
        String wrongPath = "GET /elsewhere HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Protocol: mqtt\r\n\r\n";
        String noConnectionUpgrade = "GET /mqtt HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nSec-WebSocket-Protocol: mqtt\r\n\r\n";
        String noMqtt = "GET /mqtt HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n";
        String malformed = "GET\t/dpsrig/faults HTTP/1.1\r\n";

        for (String first : new String[] {h2c, wrongPath, noConnectionUpgrade, noMqtt}) {
            assertThat(refusalOf(first + malformed)).as(first).isEqualTo("the request line has a control byte 0x09 at position 4");
        }
    }

    @Test
    void http10BecomesHttp11ThatClosesUnlessKeepAliveWasAsked() {
        assertThat(feed("GET /a HTTP/1.0\r\nHost: dps\r\n\r\n", 5))
                .isEqualTo("GET /a HTTP/1.1\r\nHost: dps\r\nConnection: close\r\n\r\n");
        assertThat(feed("GET /a HTTP/1.0\r\nHost: dps\r\nConnection: Keep-Alive\r\n\r\n", 64))
                .isEqualTo("GET /a HTTP/1.1\r\nHost: dps\r\nConnection: Keep-Alive\r\n\r\n");
    }

    @Test
    void aMalformedChunkSizeIsRefusedAfterWhatCameBefore() {
        byte[] first = bytes("POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\nzz\r\n");

        assertThat(new String(framing.next(first), StandardCharsets.ISO_8859_1))
                .isEqualTo("POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n");
        assertThatThrownBy(() -> framing.next(bytes("more")))
                .isInstanceOf(RequestException.class)
                .hasMessage("the chunk size 'zz' is not a hexadecimal number of at most 8 digits (chunk extensions are not taken)");
    }

    @Test
    void aTwentyDigitChunkSizeIsRefused() {
        framing.next(bytes("POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"));

        assertThatThrownBy(() -> framing.next(bytes("99999999999999999999\r\n")))
                .isInstanceOf(RequestException.class)
                .hasMessageContaining("'99999999999999999999' is not a hexadecimal number of at most 8 digits");
        RequestFraming another = new RequestFraming(4096, 16384, "h");
        assertThat(another.next(bytes("POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n80000000\r\n")))
                .as("the head goes to Helidon; the refusal comes with the next read").isNotEmpty();
        assertThatThrownBy(() -> another.next(bytes("x")))
                .hasMessage("the chunk size 80000000 is larger than a request body can be");
    }

    @Test
    void aChunkSizeLineWithoutEndIsRefusedOnceItPassesItsLimit() {
        framing.next(bytes("POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"));

        assertThat(framing.next(bytes("0".repeat(RequestFraming.MAX_CHUNK_LINE - 10)))).isEmpty();
        assertThatThrownBy(() -> framing.next(bytes("0".repeat(20))))
                .isInstanceOf(RequestException.class)
                .hasMessage("a chunk-size line is longer than 1024 bytes");
    }

    @Test
    void aChunkSizeLineThatCannotBeOneIsRefusedBeforeItEnds() {
        assertThat(framing.next(bytes("POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1")))
                .isEqualTo(bytes("POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"));

        assertThatThrownBy(() -> framing.next(bytes("0{\"endpoint\":\"x\"}")))
                .isInstanceOf(RequestException.class)
                .hasMessage("the chunk size '10{\"endpoint\":\"x\"}' is not a hexadecimal number of at most 8 digits"
                        + " (chunk extensions are not taken)");
    }

    @Test
    void trailersAreRefusedAtTheirFirstByte() {
        framing.next(bytes("POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\n"));

        assertThatThrownBy(() -> framing.next(bytes("X-Trailer: " + "t".repeat(20_000))))
                .isInstanceOf(RequestException.class)
                .hasMessage("the chunked body ends with trailer fields, which this server does not take");
    }

    @Test
    void framingItDoesNotFollowIsLeftForHelidonToRefuse() {
        String smuggling = "POST /a HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 5\r\n\r\nGET /b HTTP/1.0\r\n\r\n";

        assertThat(feed(smuggling, 4)).isEqualTo(smuggling);
    }

    @Test
    void emptyLinesBeforeARequestAreDropped() {
        assertThat(feed("\r\n\r\nGET /a HTTP/1.1\r\nHost: x\r\n\r\n\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n", 3))
                .isEqualTo("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n");
    }

    @Test
    void aRequestLineOutsideTheGrammarIsRefusedBeforeHelidonSeesIt() {
        assertThat(refusalOf("GET\t/dpsrig/faults HTTP/1.1\r\n"))
                .isEqualTo("the request line has a control byte 0x09 at position 4");
        assertThat(refusalOf("GET /caf\u00e9 HTTP/1.1\r\n"))
                .isEqualTo("the request line has a non-ASCII byte 0xE9 at position 9");
        assertThat(refusalOf("GET  /a HTTP/1.1\r\n"))
                .isEqualTo("the request line 'GET  /a HTTP/1.1' is not a method, a target and an HTTP version separated by single spaces");
        assertThat(refusalOf("G(T /a HTTP/1.1\r\n")).isEqualTo("the method 'G(T' is not an HTTP token");
        assertThat(refusalOf("GET /a HTTPS/1.1\r\n")).isEqualTo("the HTTP version 'HTTPS/1.1' is not of the form HTTP/1.1");
    }

    @Test
    void aHeaderLineOutsideTheGrammarIsRefusedBeforeHelidonSeesIt() {
        String head = "POST /a HTTP/1.1\r\nHost: x\r\n";

        assertThat(refusalOf(head + ": 5\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"))
                .isEqualTo("a header line has an empty field name");
        assertThat(refusalOf(head + " folded\r\n")).isEqualTo("a header line starts with white space (obsolete line folding is not taken)");
        assertThat(refusalOf(head + "Content-Length : 5\r\n"))
                .startsWith("the header name 'Content-Length ' is not an HTTP token");
        assertThat(refusalOf(head + "X-Id: a\u0000b\r\n")).isEqualTo("the value of header 'X-Id' has a control byte 0x00 at position 3");
        assertThat(refusalOf(head + "no colon here\r\n")).isEqualTo("the header line 'no colon here' has no colon");
        assertThat(feed(head + "X-Name: caf\u00e9\tbar\r\n\r\n", 5))
                .as("a tab and obs-text are allowed in a value").isEqualTo(head + "X-Name: caf\u00e9\tbar\r\n\r\n");
    }

    /** The message of the 400 a new connection's framing answers for the text, sent at once. */
    private static String refusalOf(String text) {
        RequestFraming framing = new RequestFraming(4096, 16384, "127.0.0.1:8443");
        return org.assertj.core.api.Assertions.catchThrowableOfType(RequestException.class, () -> {
            framing.next(bytes(text));
            framing.next(bytes("x"));
        }).getMessage();
    }

    /** What Helidon gets for the text sent in pieces, through a new connection's framing. */
    private static String feed(String text, int piece) {
        RequestFraming framing = new RequestFraming(4096, 16384, "127.0.0.1:8443");
        byte[] all = bytes(text);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < all.length; i += piece) {
            out.writeBytes(framing.next(java.util.Arrays.copyOfRange(all, i, Math.min(all.length, i + piece))));
        }
        out.writeBytes(framing.flush());
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
