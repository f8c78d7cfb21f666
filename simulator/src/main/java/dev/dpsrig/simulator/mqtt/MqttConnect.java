package dev.dpsrig.simulator.mqtt;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a client said in its CONNECT, with the certificate chain it presented at TLS.
 *
 * @param password    the password as text (Azure's endpoints take a SAS token there); empty when none was sent
 * @param keepAlive   the longest silence the client promised between its packets; zero for none
 * @param clientChain leaf first; empty when the client presented no certificate
 */
public record MqttConnect(String clientId, Optional<String> username, Optional<String> password, Duration keepAlive,
                          boolean cleanSession, List<X509Certificate> clientChain) {
    public MqttConnect {
        clientChain = List.copyOf(clientChain);
    }

    /** The CONNECT as a log may show it: the password (a SAS token, a credential) only as present or not. */
    @Override
    public String toString() {
        return "MqttConnect[clientId=" + clientId + ", username=" + username + ", password=" + password.map(p -> "(hidden)")
                + ", keepAlive=" + keepAlive + ", cleanSession=" + cleanSession + ", clientChain=" + clientChain.size() + " certificate(s)]";
    }
}
