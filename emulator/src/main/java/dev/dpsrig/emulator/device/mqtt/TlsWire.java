package dev.dpsrig.emulator.device.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** MQTT over TLS: a socket, its handshake checking the server's name as HTTPS does, no Nagle delay for small packets. */
final class TlsWire implements MqttWire {
    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;

    private TlsWire(SSLSocket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static TlsWire open(MqttEndpoint endpoint, SSLContext context, Duration timeout) throws IOException {
        Socket raw = new Socket();
        try {
            raw.setTcpNoDelay(true);
            raw.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), Math.toIntExact(timeout.toMillis()));
            SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(raw, endpoint.host(), endpoint.port(), true);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(Math.toIntExact(timeout.toMillis()));
            socket.startHandshake();
            socket.setSoTimeout(0);
            return new TlsWire(socket);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    @Override
    public InputStream in() {
        return in;
    }

    @Override
    public void write(byte[] packet) throws IOException {
        out.write(packet);
        out.flush();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is all that is left to do with it.
        }
    }
}
