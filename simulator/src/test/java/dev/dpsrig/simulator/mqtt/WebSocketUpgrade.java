package dev.dpsrig.simulator.mqtt;

import dev.dpsrig.certs.TlsContexts;
import dev.dpsrig.simulator.server.LocalSimulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLSocket;

/**
 * A WebSocket upgrade request written by hand over TLS to one of the simulator's HTTPS listeners, and the answer's
 * status and body: what a client that gets the path or the subprotocol wrong is told.
 */
public final class WebSocketUpgrade {
    private WebSocketUpgrade() {
    }

    /**
     * The answer to an upgrade to {@code path}, offering {@code subprotocol} when given.
     *
     * @param closed whether the server closed the connection after a refusal, within two seconds (a refused upgrade's
     *               connection carries no further requests); false after a 101
     */
    public record Answer(int status, String head, String body, boolean closed) {
    }

    public static Answer request(LocalSimulator simulator, int port, String path, Optional<String> subprotocol) throws IOException {
        try (SSLSocket socket = (SSLSocket) TlsContexts.client(List.of(simulator.trustedRoot())).getSocketFactory()
                .createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + subprotocol.map(protocol -> "Sec-WebSocket-Protocol: " + protocol + "\r\n").orElse("") + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            String head = head(in);
            int length = head.lines().filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                    .map(line -> Integer.parseInt(line.substring(line.indexOf(':') + 1).strip())).findFirst().orElse(0);
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            int status = Integer.parseInt(head.split(" ", 3)[1]);
            return new Answer(status, head, body, status != 101 && closedWithin(socket, in));
        }
    }

    private static boolean closedWithin(SSLSocket socket, InputStream in) throws IOException {
        socket.setSoTimeout(2_000);
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            String text = head.toString(StandardCharsets.ISO_8859_1);
            if (text.endsWith("\r\n\r\n")) {
                return text;
            }
        }
        throw new IOException("the connection ended before the answer's head: " + head.toString(StandardCharsets.ISO_8859_1));
    }
}
