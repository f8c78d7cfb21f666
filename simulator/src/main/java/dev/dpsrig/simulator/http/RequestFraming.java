package dev.dpsrig.simulator.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Follows the HTTP/1.x requests of one connection as their bytes arrive, before Helidon parses
 * them, and changes only what Helidon would otherwise mishandle:
 * <ul>
 *   <li>a request line or header line that breaks the HTTP/1.1 grammar ({@link RequestSyntax}) is
 *       refused with 400 naming what was wrong, before Helidon sees it; empty lines before a request
 *       line are dropped, as RFC 9112 asks;</li>
 *   <li>an HTTP/1.0 request line becomes HTTP/1.1 (same length), with {@code Connection: close}
 *       added unless the client asked for keep-alive, and a {@code Host} when it sent none; Helidon
 *       refuses HTTP/1.0 outright, and embedded HTTP stacks still send it;</li>
 *   <li>a chunk-size line is checked as it arrives: more than 8 hex digits, anything but hex digits
 *       (refused as soon as such a byte arrives, so that a line the client never ends is answered too),
 *       or a line longer than {@value #MAX_CHUNK_LINE} bytes is refused with 400 (Helidon would read a
 *       line of any length into memory, and fail on a bad size with an exception of its own);</li>
 *   <li>a chunked body that ends with trailer fields is refused at the first trailer byte (Helidon
 *       takes none, but would read the whole line first).</li>
 * </ul>
 * A WebSocket upgrade for MQTT (a {@code GET} at a path {@link MqttOverWebSockets} serves, with {@code Upgrade: websocket},
 * {@code Connection: upgrade} and subprotocol {@value MqttOverWebSockets#SUBPROTOCOL} offered) is the last request this
 * class follows: what comes after it is the WebSocket's. Any other {@code Upgrade} header, which this server never
 * switches on, leaves the checks on for the requests that follow.
 * Everything else passes as it came. When a request is framed in a way this class does not follow
 * (several or invalid {@code Content-Length}s, a transfer coding other than chunked, an overlong
 * request line or header section), it stops looking and passes the rest through: Helidon refuses
 * such a request and closes the connection.
 *
 * <p>Over 300 lines as one class: it is one state machine, whose states all share the current line and the head of
 * the request being read.
 */
final class RequestFraming {
    /** A chunk-size line: 8 hex digits and CRLF need 10; the rest is room for what a client might pad. */
    static final int MAX_CHUNK_LINE = 1024;

    private enum State { REQUEST_LINE, HEADERS, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, PASS_THROUGH }

    private final int maxRequestLine;
    private final int maxHeaders;
    private final String localAuthority;

    private State state = State.REQUEST_LINE;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private long remaining;
    /** The refusal of a framing error found, thrown anew each time Helidon asks for more (an exception cannot be thrown twice). */
    private String pending;

    // the request whose head is being read
    private boolean http10;
    private boolean keepAlive;
    private boolean hasHost;
    private boolean webSocketTarget;
    private boolean upgradeToWebSocket;
    private boolean connectionUpgrade;
    private boolean mqttOffered;
    private int headerBytes;
    private final List<String> contentLengths = new ArrayList<>();
    private final List<String> transferCodings = new ArrayList<>();

    /** @param localAuthority the {@code Host} to add to an HTTP/1.0 request that has none */
    RequestFraming(int maxRequestLine, int maxHeaders, String localAuthority) {
        this.maxRequestLine = maxRequestLine;
        this.maxHeaders = maxHeaders;
        this.localAuthority = localAuthority;
    }

    /**
     * The bytes to give Helidon for the next bytes the client sent: possibly fewer (a request line is
     * held back until it is whole), possibly more (added headers).
     *
     * @throws RequestException a 400 for a framing error found in what came before
     */
    byte[] next(byte[] input) {
        failIfRefused();
        // Most bytes are body bytes: they pass as the same array, not copied.
        if (state == State.PASS_THROUGH) {
            return input;
        }
        if ((state == State.BODY || state == State.CHUNK_DATA) && remaining > input.length) {
            remaining -= input.length;
            return input;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(input.length + 64);
        int i = 0;
        while (i < input.length && pending == null) {
            i = switch (state) {
                case PASS_THROUGH -> {
                    out.write(input, i, input.length - i);
                    yield input.length;
                }
                case BODY, CHUNK_DATA, CHUNK_END -> passBody(input, i, out);
                case TRAILERS -> trailers(input, i, out);
                default -> lineBytes(input, i, out);
            };
        }
        if (out.size() == 0) {
            failIfRefused();
        }
        return out.toByteArray();
    }

    /**
     * Throws the refusal of a framing error already found, so that Helidon, wanting the bytes past
     * it, gets the 400 at once rather than wait for a client that has sent all it will.
     */
    void failIfRefused() {
        if (pending != null) {
            throw refusal(pending);
        }
    }

    /**
     * Whether the client was in the middle of a request when the server stopped reading: part of a body, or of a
     * request the server refused, may still be on its way, so closing now would reset the connection.
     */
    boolean midRequest() {
        return pending != null || switch (state) {
            case BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, HEADERS -> true;
            case REQUEST_LINE, PASS_THROUGH -> false;
        };
    }

    /** What is held back when the client stops sending: an unfinished line goes to Helidon as it is. */
    byte[] flush() {
        byte[] rest = line.toByteArray();
        line.reset();
        state = State.PASS_THROUGH;
        return rest;
    }

    private int passBody(byte[] input, int i, ByteArrayOutputStream out) {
        int n = (int) Math.min(remaining, input.length - i);
        out.write(input, i, n);
        remaining -= n;
        if (remaining == 0) {
            state = switch (state) {
                case CHUNK_DATA -> {
                    remaining = 2;
                    yield State.CHUNK_END;
                }
                case CHUNK_END -> State.CHUNK_SIZE;
                default -> State.REQUEST_LINE;
            };
        }
        return i + n;
    }

    private int trailers(byte[] input, int i, ByteArrayOutputStream out) {
        if (line.size() == 0 && input[i] != '\r') {
            pending = "the chunked body ends with trailer fields, which this server does not take";
            return i;
        }
        return lineBytes(input, i, out);
    }

    /** Adds to the current line up to its end, if it is in the input; a whole line is handled by its state. */
    private int lineBytes(byte[] input, int i, ByteArrayOutputStream out) {
        int room = lineLimit() - line.size();
        int j = i;
        while (j < input.length && input[j] != '\n' && j - i < room) {
            j++;
        }
        boolean lineEnds = j < input.length && input[j] == '\n';
        if (state == State.CHUNK_SIZE && !lineEnds && holdsNotInChunkSize(input, i, j)) {
            // Refused before the line ends: a client that sent all it will may never end it.
            line.write(input, i, j - i);
            pending = notAChunkSize(line.toString(StandardCharsets.ISO_8859_1).stripTrailing());
            return j;
        }
        if (lineEnds) {
            line.write(input, i, j + 1 - i);
            byte[] whole = line.toByteArray();
            line.reset();
            completeLine(whole, out);
            return j + 1;
        }
        line.write(input, i, j - i);
        if (j - i >= room) {
            if (state == State.CHUNK_SIZE || state == State.TRAILERS) {
                pending = "a chunk-size line is longer than " + MAX_CHUNK_LINE + " bytes";
            } else {
                // Helidon refuses an overlong request line (414) or header section (400) itself.
                out.writeBytes(flush());
            }
        }
        return j;
    }

    private int lineLimit() {
        return switch (state) {
            case REQUEST_LINE -> maxRequestLine + 2;
            case HEADERS -> maxHeaders - headerBytes + 2;
            default -> MAX_CHUNK_LINE;
        };
    }

    private void completeLine(byte[] whole, ByteArrayOutputStream out) {
        String text = new String(whole, 0, whole.length - (whole.length >= 2 && whole[whole.length - 2] == '\r' ? 2 : 1),
                StandardCharsets.ISO_8859_1);
        switch (state) {
            case REQUEST_LINE -> requestLine(whole, text, out);
            case HEADERS -> header(whole, text, out);
            case CHUNK_SIZE -> chunkSize(whole, text, out);
            case TRAILERS -> {
                // the empty line that ends a chunked body
                out.writeBytes(whole);
                state = State.REQUEST_LINE;
            }
            default -> throw new IllegalStateException("no line in state " + state);
        }
    }

    private void requestLine(byte[] whole, String text, ByteArrayOutputStream out) {
        if (text.isEmpty()) {
            return; // an empty line before a request is ignored (RFC 9112, section 2.2)
        }
        String malformed = RequestSyntax.requestLineProblem(text);
        if (malformed != null) {
            pending = malformed;
            return;
        }
        http10 = text.endsWith(" HTTP/1.0") && text.indexOf(' ') < text.length() - 9;
        keepAlive = false;
        hasHost = false;
        String[] parts = text.split(" ", 3);
        String path = parts[1].contains("?") ? parts[1].substring(0, parts[1].indexOf('?')) : parts[1];
        webSocketTarget = parts[0].equals("GET")
                && (path.equals(MqttOverWebSockets.PATH) || path.equals(MqttOverWebSockets.PAHO_DEFAULT_PATH));
        upgradeToWebSocket = false;
        connectionUpgrade = false;
        mqttOffered = false;
        headerBytes = 0;
        contentLengths.clear();
        transferCodings.clear();
        if (http10) {
            whole[text.length() - 1] = '1';
        }
        out.writeBytes(whole);
        state = State.HEADERS;
    }

    private void header(byte[] whole, String text, ByteArrayOutputStream out) {
        headerBytes += whole.length;
        if (!text.isEmpty()) {
            String malformed = RequestSyntax.headerLineProblem(text);
            if (malformed != null) {
                pending = malformed;
                return;
            }
            out.writeBytes(whole);
            int colon = text.indexOf(':');
            String name = text.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = text.substring(colon + 1).strip();
            switch (name) {
                case "host" -> hasHost = true;
                case "upgrade" -> upgradeToWebSocket |= tokens(value).contains("websocket");
                case "connection" -> {
                    keepAlive |= tokens(value).contains("keep-alive");
                    connectionUpgrade |= tokens(value).contains("upgrade");
                }
                case "sec-websocket-protocol" -> mqttOffered |= tokens(value).contains(MqttOverWebSockets.SUBPROTOCOL);
                case "content-length" -> contentLengths.add(value);
                case "transfer-encoding" -> transferCodings.addAll(tokens(value));
                default -> {
                }
            }
            return;
        }
        if (http10) {
            if (!hasHost) {
                out.writeBytes(("Host: " + localAuthority + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            if (!keepAlive) {
                out.writeBytes("Connection: close\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        out.writeBytes(whole);
        state = bodyState();
    }

    /**
     * How the body is framed, by the rules Helidon applies; what it would refuse is passed through for it to refuse.
     * After a WebSocket upgrade for MQTT the bytes are WebSocket frames, and pass as they come.
     */
    private State bodyState() {
        if (webSocketTarget && upgradeToWebSocket && connectionUpgrade && mqttOffered) {
            return State.PASS_THROUGH;
        }
        if (!transferCodings.isEmpty()) {
            return contentLengths.isEmpty() && transferCodings.equals(List.of("chunked")) ? State.CHUNK_SIZE : State.PASS_THROUGH;
        }
        if (contentLengths.isEmpty()) {
            return State.REQUEST_LINE;
        }
        if (contentLengths.stream().distinct().count() != 1) {
            return State.PASS_THROUGH;
        }
        try {
            long length = Long.parseLong(contentLengths.getFirst());
            if (length < 0) {
                return State.PASS_THROUGH;
            }
            remaining = length;
            return length == 0 ? State.REQUEST_LINE : State.BODY;
        } catch (NumberFormatException e) {
            return State.PASS_THROUGH;
        }
    }

    private void chunkSize(byte[] whole, String text, ByteArrayOutputStream out) {
        if (text.isEmpty() || text.length() > 8 || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            pending = notAChunkSize(text);
            return;
        }
        long size = Long.parseLong(text, 16);
        if (size > Integer.MAX_VALUE) {
            pending = "the chunk size " + text + " is larger than a request body can be";
            return;
        }
        out.writeBytes(whole);
        if (size == 0) {
            state = State.TRAILERS;
        } else {
            remaining = size;
            state = State.CHUNK_DATA;
        }
    }

    /** Whether {@code input[from, to)} holds a byte no chunk-size line this class takes can (only hex digits and CR). */
    private static boolean holdsNotInChunkSize(byte[] input, int from, int to) {
        for (int k = from; k < to; k++) {
            if (input[k] != '\r' && Character.digit(input[k], 16) < 0) {
                return true;
            }
        }
        return false;
    }

    private static String notAChunkSize(String text) {
        return "the chunk size '" + (text.length() > 40 ? text.substring(0, 40) + "..." : text)
                + "' is not a hexadecimal number of at most 8 digits (chunk extensions are not taken)";
    }

    private static List<String> tokens(String value) {
        List<String> tokens = new ArrayList<>();
        for (String token : value.split(",")) {
            String trimmed = token.strip().toLowerCase(Locale.ROOT);
            if (!trimmed.isEmpty()) {
                tokens.add(trimmed);
            }
        }
        return tokens;
    }

    private static RequestException refusal(String message) {
        return RequestException.builder()
                .type(DirectHandler.EventType.BAD_REQUEST)
                .status(Status.BAD_REQUEST_400)
                .setKeepAlive(false)
                .safeMessage(true)
                .message(message)
                .build();
    }
}
