package dev.dpsrig.simulator.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.ListenerConfig;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.webserver.websocket.WsUpgrader;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * MQTT over WebSockets on a DPS or hub HTTPS listener, as Azure serves it on 443: the paths a client opens its
 * WebSocket at, with subprotocol {@value #SUBPROTOCOL}, each WebSocket served by an {@link MqttWebSocket}. As a filter
 * of the listener's routing it refuses, in the port's error format, a WebSocket upgrade at any other path (404) or
 * one that does not offer {@value #SUBPROTOCOL} (400), naming what was wrong, and closes the connection.
 */
final class MqttOverWebSockets implements Filter {
    /** Where the Azure IoT SDKs open MQTT (and AMQP) WebSockets to a hub and to DPS. */
    static final String PATH = "/$iothub/websocket";
    /**
     * Where Eclipse Paho opens a WebSocket when its URI names no path: the Azure IoT Java provisioning client gives it
     * {@code wss://host:443} and so asks DPS for this path.
     */
    static final String PAHO_DEFAULT_PATH = "/mqtt";
    /** The WebSocket subprotocol of MQTT, which every MQTT client offers and Azure requires. */
    static final String SUBPROTOCOL = "mqtt";

    private final List<String> paths;
    private final ErrorFormat format;

    private MqttOverWebSockets(List<String> paths, ErrorFormat format) {
        this.paths = List.copyOf(paths);
        this.format = format;
    }

    /** The hub's: {@value #PATH} only. */
    static MqttOverWebSockets forHub(ErrorFormat format) {
        return new MqttOverWebSockets(List.of(PATH), format);
    }

    /** The DPS's: {@value #PATH}, and {@value #PAHO_DEFAULT_PATH}, where the Java provisioning client asks. */
    static MqttOverWebSockets forDps(ErrorFormat format) {
        return new MqttOverWebSockets(List.of(PATH, PAHO_DEFAULT_PATH), format);
    }

    /** Routes a WebSocket at each path to a new {@link MqttWebSocket} from {@code connections}. */
    void route(ListenerConfig.BuilderBase<?, ?> listener, Supplier<MqttWebSocket> connections) {
        WsRouting.Builder routing = WsRouting.builder();
        paths.forEach(path -> routing.endpoint(path, connections::get));
        listener.addRouting(routing);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        if (!tokens(request.headers().value(HeaderNames.UPGRADE).orElse("")).contains("websocket")) {
            chain.proceed();
            return;
        }
        String path = request.prologue().uriPath().path();
        if (!paths.contains(path)) {
            format.refusal(404, "no WebSocket is served at '" + path + "': MQTT over WebSockets is served at "
                    + String.join(" and ", paths)).send(closing(response));
            return;
        }
        List<String> offered = tokens(request.headers().value(WsUpgrader.PROTOCOL).orElse(""));
        if (!offered.contains(SUBPROTOCOL)) {
            format.refusal(400, "a WebSocket at " + path + " carries MQTT: offer subprotocol '" + SUBPROTOCOL
                    + "' in Sec-WebSocket-Protocol" + (offered.isEmpty() ? ", which the upgrade lacks" : ", not " + offered)).send(closing(response));
            return;
        }
        chain.proceed();
    }

    /**
     * The response to a refused upgrade, which closes the connection: the request framing stopped following the
     * connection at an upgrade that looked like MQTT's, and no request may follow it unchecked.
     */
    private static RoutingResponse closing(RoutingResponse response) {
        response.header(HeaderValues.CONNECTION_CLOSE);
        return response;
    }

    private static List<String> tokens(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(token -> !token.isEmpty())
                .map(token -> token.toLowerCase(Locale.ROOT)).toList();
    }
}
