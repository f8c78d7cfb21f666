package dev.dpsrig.emulator.device.mqtt;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.TlsContexts;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The byte stream MQTT packets travel on: a TLS socket ({@link TlsWire}) or binary WebSocket frames over TLS
 * ({@link WebSocketWire}). Reads come from one thread (the connection's reader), writes from any, one at a time.
 */
sealed interface MqttWire extends AutoCloseable permits TlsWire, WebSocketWire {

    /** Opens the wire to {@code endpoint}, presenting {@code identity} at the TLS handshake when there is one. */
    static MqttWire open(MqttEndpoint endpoint, Optional<HeldCertificate> identity, Duration timeout) throws IOException {
        return switch (endpoint.flavour()) {
            case TLS -> TlsWire.open(endpoint, context(endpoint, identity), timeout);
            case WEBSOCKET -> WebSocketWire.open(endpoint, identity, timeout);
        };
    }

    /** The TLS client trusting {@code endpoint}'s roots (or the JDK's) and presenting {@code identity} when there is one. */
    static SSLContext context(MqttEndpoint endpoint, Optional<HeldCertificate> identity) {
        return identity
                .map(held -> endpoint.trustedRoots().isEmpty() ? TlsContexts.clientTrustingJdkDefaults(held)
                        : TlsContexts.client(held, endpoint.trustedRoots()))
                .orElseGet(() -> endpoint.trustedRoots().isEmpty() ? TlsContexts.clientTrustingJdkDefaults()
                        : TlsContexts.client(endpoint.trustedRoots()));
    }

    InputStream in();

    /** Sends one whole packet. */
    void write(byte[] packet) throws IOException;

    @Override
    void close();
}
