package dev.dpsrig.simulator.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * Sends a request's bytes over a new TLS connection exactly as given, then reads the answers: nothing
 * between the fuzzer and the server fixes the bytes up, as an HTTP client library would. Output is
 * half-closed once the request is written (a TLS 1.3 close_notify), so a server waiting for a body
 * that never comes sees the end of the stream instead of holding the connection.
 */
final class WireClient {
    /** Answers beyond this are not kept: the fuzzer needs status lines and the start of bodies. */
    private static final int MAX_READ = 4 * 1024 * 1024;

    private final String host;
    private final Duration readTimeout;

    WireClient(String host, Duration readTimeout) {
        this.host = host;
        this.readTimeout = readTimeout;
    }

    Exchange send(SSLContext tls, int port, byte[] request, int answersExpected, List<String> methods) {
        long started = System.nanoTime();
        SSLSocket socket;
        try {
            socket = (SSLSocket) tls.getSocketFactory().createSocket();
            socket.connect(new InetSocketAddress(host, port), (int) readTimeout.toMillis());
        } catch (IOException e) {
            return new Exchange(List.of(), Exchange.End.CONNECT_FAILED, e.toString(), System.nanoTime() - started);
        }
        try (socket) {
            socket.setSoTimeout((int) readTimeout.toMillis());
            socket.setTcpNoDelay(true);
            try {
                socket.startHandshake();
            } catch (IOException e) {
                return new Exchange(List.of(), Exchange.End.HANDSHAKE_FAILED, e.toString(), System.nanoTime() - started);
            }
            Thread writer = Thread.ofVirtual().start(() -> write(socket, request));
            Exchange exchange = read(socket, answersExpected, methods, started);
            writer.interrupt();
            return exchange;
        } catch (IOException e) {
            return new Exchange(List.of(), Exchange.End.RESET, e.toString(), System.nanoTime() - started);
        }
    }

    /** A server that answers early and closes makes the rest of a large write fail; that is its right. */
    private static void write(SSLSocket socket, byte[] request) {
        try {
            OutputStream out = socket.getOutputStream();
            for (int from = 0; from < request.length; from += 16 * 1024) {
                out.write(request, from, Math.min(16 * 1024, request.length - from));
            }
            out.flush();
            socket.shutdownOutput();
        } catch (IOException ignored) {
            // the reader sees how the connection ended
        }
    }

    private Exchange read(SSLSocket socket, int answersExpected, List<String> methods, long started) {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        long deadline = started + readTimeout.toNanos();
        try {
            InputStream in = socket.getInputStream();
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new SocketTimeoutException("no more within " + readTimeout.toMillis() + " ms");
                }
                socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
                int n = in.read(buffer);
                if (n < 0) {
                    Parsed parsed = parse(received.toByteArray(), methods, true);
                    return new Exchange(parsed.answers(), parsed.answers().size() >= answersExpected
                            ? Exchange.End.ANSWERED : Exchange.End.CLOSED, "", System.nanoTime() - started);
                }
                if (received.size() < MAX_READ) {
                    received.write(buffer, 0, n);
                }
                Parsed parsed = parse(received.toByteArray(), methods, false);
                if (parsed.complete() && parsed.answers().size() >= answersExpected || received.size() >= MAX_READ) {
                    return new Exchange(parsed.answers(), Exchange.End.ANSWERED, "", System.nanoTime() - started);
                }
            }
        } catch (SocketTimeoutException e) {
            Parsed parsed = parse(received.toByteArray(), methods, true);
            return new Exchange(parsed.answers(), Exchange.End.TIMEOUT, "", System.nanoTime() - started);
        } catch (SSLException e) {
            Parsed parsed = parse(received.toByteArray(), methods, true);
            return new Exchange(parsed.answers(), Exchange.End.RESET, e.getMessage(), System.nanoTime() - started);
        } catch (IOException e) {
            Parsed parsed = parse(received.toByteArray(), methods, true);
            return new Exchange(parsed.answers(), Exchange.End.RESET, e.toString(), System.nanoTime() - started);
        }
    }

    /** @param complete whether the last answer parsed is whole (not cut off by the end of the data) */
    record Parsed(List<Exchange.Answer> answers, boolean complete) {
    }

    /**
     * Answers in the bytes so far. 1xx answers are skipped; a body is read by {@code Content-Length},
     * chunked coding, or to the end of the stream; answers to HEAD and 204/304 have none.
     *
     * @param atEnd no more bytes will come: an answer without a length ends here
     */
    static Parsed parse(byte[] data, List<String> methods, boolean atEnd) {
        List<Exchange.Answer> answers = new ArrayList<>();
        int at = 0;
        while (at < data.length) {
            int headEnd = indexOf(data, at, "\r\n\r\n");
            int separator = 4;
            if (headEnd < 0) {
                headEnd = indexOf(data, at, "\n\n");
                separator = 2;
            }
            if (headEnd < 0) {
                return new Parsed(answers, false);
            }
            String head = new String(data, at, headEnd - at, StandardCharsets.ISO_8859_1);
            int bodyStart = headEnd + separator;
            int status = status(head);
            if (status < 0) {
                // Not HTTP: keep what we have as an answer of status 0 so the report shows it.
                answers.add(new Exchange.Answer(0, head, java.util.Arrays.copyOfRange(data, bodyStart, data.length)));
                return new Parsed(answers, true);
            }
            if (status >= 100 && status < 200) {
                at = bodyStart;
                continue;
            }
            String method = methods.size() > answers.size() ? methods.get(answers.size()) : "GET";
            boolean noBody = method.equals("HEAD") || status == 204 || status == 304;
            Optional<String> length = headerValue(head, "content-length");
            boolean chunked = headerValue(head, "transfer-encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked")).orElse(false);
            if (noBody) {
                answers.add(new Exchange.Answer(status, head, new byte[0]));
                at = bodyStart;
            } else if (chunked) {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                int end = dechunk(data, bodyStart, body);
                if (end < 0) {
                    if (atEnd) {
                        answers.add(new Exchange.Answer(status, head, body.toByteArray()));
                    }
                    return new Parsed(answers, false);
                }
                answers.add(new Exchange.Answer(status, head, body.toByteArray()));
                at = end;
            } else if (length.isPresent()) {
                long declared;
                try {
                    declared = Long.parseLong(length.get().strip());
                } catch (NumberFormatException e) {
                    declared = data.length - bodyStart;
                }
                if (bodyStart + declared > data.length) {
                    if (atEnd) {
                        answers.add(new Exchange.Answer(status, head, java.util.Arrays.copyOfRange(data, bodyStart, data.length)));
                    }
                    return new Parsed(answers, false);
                }
                answers.add(new Exchange.Answer(status, head,
                        java.util.Arrays.copyOfRange(data, bodyStart, (int) (bodyStart + declared))));
                at = (int) (bodyStart + declared);
            } else {
                answers.add(new Exchange.Answer(status, head, java.util.Arrays.copyOfRange(data, bodyStart, data.length)));
                return new Parsed(answers, atEnd);
            }
        }
        return new Parsed(answers, true);
    }

    private static int status(String head) {
        String line = head.lines().findFirst().orElse("");
        if (!line.startsWith("HTTP/")) {
            return -1;
        }
        String[] parts = line.split(" ", 3);
        try {
            return parts.length >= 2 ? Integer.parseInt(parts[1]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Optional<String> headerValue(String head, String name) {
        return head.lines().skip(1).filter(line -> line.toLowerCase(Locale.ROOT).startsWith(name + ":"))
                .map(line -> line.substring(name.length() + 1).strip()).findFirst();
    }

    /** @return where the chunked body ends, or -1 when it is not all here */
    private static int dechunk(byte[] data, int at, ByteArrayOutputStream body) {
        while (true) {
            int lineEnd = indexOf(data, at, "\r\n");
            if (lineEnd < 0) {
                return -1;
            }
            String sizeText = new String(data, at, lineEnd - at, StandardCharsets.ISO_8859_1);
            int semicolon = sizeText.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((semicolon < 0 ? sizeText : sizeText.substring(0, semicolon)).strip(), 16);
            } catch (NumberFormatException e) {
                return data.length;
            }
            at = lineEnd + 2;
            if (size == 0) {
                int end = indexOf(data, at, "\r\n");
                while (end >= 0 && end != at) {
                    at = end + 2;
                    end = indexOf(data, at, "\r\n");
                }
                return end < 0 ? -1 : end + 2;
            }
            if (at + size + 2 > data.length) {
                return -1;
            }
            body.write(data, at, size);
            at += size + 2;
        }
    }

    private static int indexOf(byte[] data, int from, String what) {
        byte[] needle = what.getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = from; i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
