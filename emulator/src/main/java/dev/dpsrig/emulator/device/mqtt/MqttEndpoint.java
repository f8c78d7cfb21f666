package dev.dpsrig.emulator.device.mqtt;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Where a device reaches DPS or its hub over MQTT, and which roots it trusts there (empty: the JDK's, as against Azure):
 * MQTT over TLS at {@code host:port} (8883 unless told), or MQTT over WebSockets at
 * {@code wss://host:port/$iothub/websocket} (443 unless told) with the {@code mqtt} subprotocol.
 */
public record MqttEndpoint(Flavour flavour, String host, int port, List<X509Certificate> trustedRoots) {
    /** The path Azure's endpoints serve MQTT over WebSockets on. */
    public static final String WEBSOCKET_PATH = "/$iothub/websocket";
    /** The port Azure serves MQTT over TLS on. */
    public static final int TLS_PORT = 8883;
    /** The port Azure serves MQTT over WebSockets on, as HTTPS. */
    public static final int WEBSOCKET_PORT = 443;

    /** How MQTT travels. */
    public enum Flavour {
        /** MQTT over TLS, port 8883. */
        TLS,
        /** MQTT over WebSockets over TLS, port 443. */
        WEBSOCKET
    }

    public MqttEndpoint {
        trustedRoots = List.copyOf(trustedRoots);
        if (host.isBlank() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("an MQTT endpoint needs a host and a port 1..65535, not '" + host + "' " + port);
        }
    }

    /** MQTT over TLS at {@code host[:port]}. */
    public static MqttEndpoint tls(String hostAndPort, List<X509Certificate> trustedRoots) {
        return parse(Flavour.TLS, hostAndPort, TLS_PORT, trustedRoots);
    }

    /** MQTT over WebSockets at {@code host[:port]}, or at a {@code wss://host[:port]/$iothub/websocket} URL. */
    public static MqttEndpoint webSocket(String endpoint, List<X509Certificate> trustedRoots) {
        if (!endpoint.startsWith("wss://")) {
            return parse(Flavour.WEBSOCKET, endpoint, WEBSOCKET_PORT, trustedRoots);
        }
        URI uri = URI.create(endpoint);
        if (uri.getHost() == null || !WEBSOCKET_PATH.equals(uri.getRawPath())) {
            throw new IllegalArgumentException("an MQTT WebSocket endpoint is wss://host[:port]" + WEBSOCKET_PATH + ", not '"
                    + endpoint + "'");
        }
        return new MqttEndpoint(Flavour.WEBSOCKET, unbracketed(uri.getHost()), uri.getPort() != -1 ? uri.getPort() : WEBSOCKET_PORT,
                trustedRoots);
    }

    /** Where this flavour's endpoint of the same server is, by Azure's ports: 8883 for TLS, 443 for WebSockets. */
    public static MqttEndpoint standard(Flavour flavour, String host, List<X509Certificate> trustedRoots) {
        return new MqttEndpoint(flavour, host, flavour == Flavour.TLS ? TLS_PORT : WEBSOCKET_PORT, trustedRoots);
    }

    /** {@code host:port}, as a transport failure names where it happened. */
    public String address() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The WebSocket URL: {@code wss://host:port/$iothub/websocket}. */
    public URI webSocketUri() {
        return URI.create("wss://" + address() + WEBSOCKET_PATH);
    }

    /** The host of {@code host[:port]} with a port of its own, or without one, unbracketed when it is an IPv6 literal. */
    private static MqttEndpoint parse(Flavour flavour, String hostAndPort, int defaultPort, List<X509Certificate> trustedRoots) {
        if (hostAndPort.contains("/")) {
            throw new IllegalArgumentException("an MQTT endpoint is host[:port], not '" + hostAndPort + "'");
        }
        int colon = hostAndPort.lastIndexOf(':');
        boolean hasPort = hostAndPort.startsWith("[") ? colon > hostAndPort.indexOf(']')
                : colon > 0 && hostAndPort.indexOf(':') == colon;
        String host = hasPort ? hostAndPort.substring(0, colon) : hostAndPort;
        int port = defaultPort;
        if (hasPort) {
            try {
                port = Integer.parseInt(hostAndPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the port of MQTT endpoint '" + hostAndPort + "' is not a number", e);
            }
        }
        return new MqttEndpoint(flavour, unbracketed(host), port, trustedRoots);
    }

    /** An IPv6 literal without the brackets a URL or {@code host:port} puts around it; any other host as it is. */
    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
