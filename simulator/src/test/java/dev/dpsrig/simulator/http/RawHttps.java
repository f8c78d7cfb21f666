package dev.dpsrig.simulator.http;

import dev.dpsrig.certs.TlsContexts;
import dev.dpsrig.simulator.server.LocalSimulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One TLS connection to a simulator port, written to byte by byte: for requests no HTTP client
 * would send (HTTP/1.0, broken chunked framing, a made-up {@code Host}, a body of hundreds of
 * megabytes trickled in) and for what the server does with the connection afterwards.
 */
final class RawHttps implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;
    private final AtomicLong sent = new AtomicLong();

    private RawHttps(SSLSocket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        socket.startHandshake();
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** @param authority {@code host:port}, as {@link LocalSimulator#globalEndpoint()} or a hub's host name gives it */
    static RawHttps connect(LocalSimulator simulator, String authority) {
        int colon = authority.lastIndexOf(':');
        SSLContext tls = TlsContexts.client(List.of(simulator.trustedRoot()));
        try {
            return new RawHttps((SSLSocket) tls.getSocketFactory().createSocket(authority.substring(0, colon),
                    Integer.parseInt(authority.substring(colon + 1))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + authority, e);
        }
    }

    RawHttps send(String text) {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawHttps send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            sent.addAndGet(bytes.length);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send " + bytes.length + " bytes after " + sent.get(), e);
        }
    }

    /** Ends the client's side of the stream (a TLS close_notify), as a client does that will send no more but still reads. */
    RawHttps endOutput() {
        try {
            socket.shutdownOutput();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot end the stream after " + sent.get() + " bytes", e);
        }
    }

    /** Bytes written so far, as the client's stream accepted them. */
    long sent() {
        return sent.get();
    }

    /**
     * Sends {@code total} bytes of body in pieces of {@code piece} bytes, pausing between them, on a
     * thread of its own, until they are all sent or the server stops taking them.
     *
     * @param chunked whether to frame each piece as a chunk (and end with the last chunk)
     */
    Thread trickle(long total, int piece, Duration pause, boolean chunked) {
        Thread writer = Thread.ofVirtual().start(() -> {
            byte[] data = new byte[piece];
            java.util.Arrays.fill(data, (byte) 'x');
            try {
                for (long left = total; left > 0; left -= piece) {
                    int n = (int) Math.min(piece, left);
                    byte[] bytes = n == piece ? data : java.util.Arrays.copyOf(data, n);
                    send(chunked ? chunk(bytes) : bytes);
                    Thread.sleep(pause);
                }
                if (chunked) {
                    send("0\r\n\r\n");
                }
            } catch (UncheckedIOException | InterruptedException stopped) {
                // the server closed the connection, as it should once it refused the body
            }
        });
        return writer;
    }

    static byte[] chunk(byte[] data) {
        ByteArrayOutputStream framed = new ByteArrayOutputStream(data.length + 16);
        framed.writeBytes((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        framed.writeBytes(data);
        framed.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return framed.toByteArray();
    }

    /** A response as it came: status line, headers (as sent), and the body its {@code Content-Length} gives. */
    record Response(String statusLine, String head, byte[] body) {
        int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }

        Optional<String> header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return head.lines().filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(line -> line.substring(prefix.length()).strip()).findFirst();
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The same answer as {@code curl -i} would print it, for {@link DpsAssertions} and {@link HubAssertions}. */
        CurlResponse asCurl() {
            return new CurlResponse(status(), head.replace("\r\n", "\n"), text());
        }
    }

    /** Reads one response; fails if the connection ends before a whole one arrived. */
    Response read() {
        try {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!endsWithBlankLine(head)) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("the connection ended after " + head.size() + " bytes of response head: " + head);
                }
                head.write(b);
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            String statusLine = text.substring(0, text.indexOf("\r\n"));
            Response headers = new Response(statusLine, text.strip(), new byte[0]);
            int length = headers.header("Content-Length").map(Integer::parseInt).orElse(0);
            return new Response(statusLine, text.strip(), in.readNBytes(length));
        } catch (IOException e) {
            throw new UncheckedIOException("no whole response after sending " + sent.get() + " bytes", e);
        }
    }

    /** Whether the server closed the connection: the next read ends the stream (or fails) rather than timing out. */
    boolean closedByServer() {
        try {
            socket.setSoTimeout(10_000);
            return in.read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static boolean endsWithBlankLine(ByteArrayOutputStream head) {
        byte[] bytes = head.toByteArray();
        int n = bytes.length;
        return n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n';
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }
}
