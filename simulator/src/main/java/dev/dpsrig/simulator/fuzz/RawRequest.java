package dev.dpsrig.simulator.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One HTTP/1.1 request as bytes on the wire, built from parts a mutation can damage one by one: the
 * request line, the header lines (in order, duplicates allowed, any bytes), the body and how it is
 * framed. Header text is Latin-1, so {@code \u00ff} is the byte 0xFF; bodies are bytes.
 */
final class RawRequest {
    /** How the body is delimited. */
    enum Framing {
        /** {@code Content-Length} of the body, when there is one. */
        CONTENT_LENGTH,
        /** {@code Transfer-Encoding: chunked}, well formed, in a few chunks. */
        CHUNKED,
        /** No framing header is added: the headers and body are sent exactly as they are. */
        AS_IS
    }

    /** A header line; {@code line} set means the whole line is sent as it is (no colon, folded, ...). */
    record Header(String name, String value, boolean raw) {
        static Header of(String name, String value) {
            return new Header(name, value, false);
        }

        static Header line(String line) {
            return new Header(line, "", true);
        }

        String text() {
            return raw ? name : name + ": " + value;
        }
    }

    String method;
    String target;
    String version = "HTTP/1.1";
    final List<Header> headers = new ArrayList<>();
    /** The body as a JSON tree until a byte-level mutation turns it into {@link #body}. */
    Json json;
    byte[] body;
    Framing framing = Framing.CONTENT_LENGTH;
    int chunkCount = 3;
    String lineEnd = "\r\n";
    /** Sent before the request line. */
    byte[] prefix = new byte[0];
    /** Sent after the request: the next request of a pipeline, or garbage. */
    byte[] suffix = new byte[0];
    /** How many answers a server that understood the bytes would send: 1, or more for a pipeline. */
    int answersExpected = 1;
    /** The methods of the requests after the first, in order, so that answers to HEAD are read without a body. */
    final List<String> answerMethods = new ArrayList<>();
    /**
     * Which requests after the first repeat it (and so carry its credentials); any other request a
     * server may find in the bytes (a pipelined one without credentials, a body read as a request) has
     * none, and must not get a 2xx.
     */
    final List<Boolean> repeats = new ArrayList<>();

    RawRequest(String method, String target) {
        this.method = method;
        this.target = target;
    }

    RawRequest header(String name, String value) {
        headers.add(Header.of(name, value));
        return this;
    }

    Optional<String> header(String name) {
        return headers.stream().filter(h -> !h.raw() && h.name().equalsIgnoreCase(name)).map(Header::value).findFirst();
    }

    boolean hasHeader(String name) {
        return header(name).isPresent();
    }

    /** Replaces every header of that name by one, where the first was; added at the end if there was none. */
    void setHeader(String name, String value) {
        int at = -1;
        for (int i = headers.size() - 1; i >= 0; i--) {
            Header h = headers.get(i);
            if (!h.raw() && h.name().equalsIgnoreCase(name)) {
                headers.remove(i);
                at = i;
            }
        }
        if (at < 0) {
            headers.add(Header.of(name, value));
        } else {
            headers.add(at, Header.of(name, value));
        }
    }

    void removeHeader(String name) {
        headers.removeIf(h -> !h.raw() && h.name().equalsIgnoreCase(name));
    }

    byte[] bodyBytes() {
        if (body != null) {
            return body;
        }
        return json == null ? new byte[0] : json.bytes();
    }

    /** Fixes the body as bytes: later JSON mutations no longer apply. */
    void body(byte[] bytes) {
        this.body = bytes;
        this.json = null;
    }

    boolean hasBody() {
        return body != null || json != null;
    }

    /** The path part of the target, before any query. */
    String path() {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    String query() {
        int query = target.indexOf('?');
        return query < 0 ? "" : target.substring(query);
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(prefix);
        writeOne(out);
        out.writeBytes(suffix);
        return out.toByteArray();
    }

    /** This request without prefix and suffix: what a pipeline repeats. */
    byte[] bytesAlone() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeOne(out);
        return out.toByteArray();
    }

    private void writeOne(ByteArrayOutputStream out) {
        byte[] content = bodyBytes();
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(target);
        if (!version.isEmpty()) {
            head.append(' ').append(version);
        }
        head.append(lineEnd);
        for (Header header : headers) {
            head.append(header.text()).append(lineEnd);
        }
        switch (framing) {
            case CONTENT_LENGTH -> {
                if (hasBody() && !hasHeader("Content-Length")) {
                    head.append("Content-Length: ").append(content.length).append(lineEnd);
                }
            }
            case CHUNKED -> {
                if (!hasHeader("Transfer-Encoding")) {
                    head.append("Transfer-Encoding: chunked").append(lineEnd);
                }
            }
            case AS_IS -> {
            }
        }
        head.append(lineEnd);
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (framing == Framing.CHUNKED) {
            out.writeBytes(chunked(content, chunkCount, lineEnd));
        } else {
            out.writeBytes(content);
        }
    }

    static byte[] chunked(byte[] content, int chunks, String lineEnd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int size = Math.max(1, (content.length + chunks - 1) / Math.max(1, chunks));
        for (int from = 0; from < content.length; from += size) {
            int length = Math.min(size, content.length - from);
            out.writeBytes((Integer.toHexString(length) + lineEnd).getBytes(StandardCharsets.ISO_8859_1));
            out.write(content, from, length);
            out.writeBytes(lineEnd.getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes(("0" + lineEnd + lineEnd).getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    /** For the {@link #answerMethods} of a pipeline. */
    String methodUpper() {
        return method.toUpperCase(Locale.ROOT);
    }
}
