package dev.dpsrig.simulator.mqtt;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/** One client's connection as the listener that accepted it gives it to MQTT: its bytes, its TLS identity, its end. */
public interface MqttLink {
    /** The next bytes the client sent, as they arrive; null once the client closed the connection. */
    byte[] read();

    void write(byte[] bytes);

    /** Ends the connection; a {@link #read()} blocked on another thread returns or fails. */
    void close();

    /** The certificate chain the client presented in the TLS handshake, leaf first; empty when it sent none. */
    List<X509Certificate> clientChain();

    /** The client's address, {@code host:port}, for log lines. */
    String peer();

    /** Why the listener serves this client no session (its address holds too many connections); empty when it does. */
    Optional<String> overCapacity();

    /**
     * The client's CONNECT was accepted: from now on MQTT's keep-alive decides how long the connection may stay
     * quiet, not the listener's own deadlines for a client that has not yet said what it wants.
     */
    void connected();
}
