package dev.dpsrig.simulator.server;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Where the DPS and each hub listen, and the host clients are told to use.
 *
 * <p>On Azure, DPS and every hub are distinct dotted host names, all on port 443, and real clients
 * depend on it: the Java device SDK takes the hub name as the text before the first dot of the host,
 * the Node transports and the Java service SDK cannot take a port at all. {@link SdkCompatible} gives
 * a stock machine the same properties without a hosts-file edit, since every address in 127.0.0.0/8
 * is loopback on Linux: DPS on {@code 127.0.0.1:443}, hub <i>i</i> on {@code 127.0.0.(2+i):443},
 * each advertised as a bare address. Binding 443 needs root, {@code CAP_NET_BIND_SERVICE} or a
 * lowered {@code net.ipv4.ip_unprivileged_port_start}; {@link Ports} is the layout for everyone else
 * (and for tests, on free ports): one address, a port per endpoint, advertised as {@code host:port},
 * which curl and dpsrig's own devices accept but most SDKs do not.
 */
public sealed interface EndpointLayout {
    int HTTPS_PORT = 443;
    /** Where Azure's MQTT endpoints listen, and the only port the Java SDK dials for MQTT. */
    int MQTT_PORT = 8883;

    /** One line for the start-up banner: which layout and what it means for clients. */
    String describe();

    Listener dps();

    /** The DPS device API over MQTT: at the DPS's address, on 8883 as on Azure, or on a port of its own. */
    Listener dpsMqtt();

    /** The listener of the {@code index}-th configured hub. */
    Listener hub(int index, SimulatorConfig.HubSpec hub);

    /** The device API of the {@code index}-th configured hub over MQTT: at the hub's address, on 8883 or a port of its own. */
    Listener hubMqtt(int index, SimulatorConfig.HubSpec hub);

    /**
     * An address and port to bind, and the host name clients are told; the port is left out of what
     * they are told when it is 443, as on Azure.
     */
    record Listener(String bindAddress, int port, String advertisedHost) {
        public String authority(int boundPort) {
            return boundPort == HTTPS_PORT ? advertisedHost : advertisedHost + ":" + boundPort;
        }
    }

    /**
     * DPS on {@code first:443} (advertised as {@code dpsName} when given, for a bench whose boards use
     * a name), hub <i>i</i> on the <i>(i+1)</i>-th loopback address after it, also on 443.
     */
    record SdkCompatible(Inet4Address first, Optional<String> dpsName) implements EndpointLayout {
        public static final String DEFAULT_FIRST_ADDRESS = "127.0.0.1";
        /** Room for the DPS and this many hubs after any base address. */
        static final int MAX_HUBS = 32;

        public SdkCompatible {
            if (!first.isLoopbackAddress()) {
                throw new IllegalArgumentException("the SDK-compatible layout takes a loopback address (127.x.y.z), not "
                        + first.getHostAddress() + ": each hub takes one of the addresses after it");
            }
            if ((first.getAddress()[3] & 0xff) + MAX_HUBS > 254) {
                throw new IllegalArgumentException("address " + first.getHostAddress()
                        + " leaves no room for hubs after it; end it in .1 (e.g. 127.0.0.1 or 127.0.42.1)");
            }
        }

        public static SdkCompatible at(String address) {
            try {
                if (!address.matches("\\d{1,3}(\\.\\d{1,3}){3}")
                        || !(InetAddress.getByName(address) instanceof Inet4Address ipv4)) {
                    throw new IllegalArgumentException("'" + address + "' is not an IPv4 address such as 127.0.0.1");
                }
                return new SdkCompatible(ipv4, Optional.empty());
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + address + "' is not an IPv4 address such as 127.0.0.1", e);
            }
        }

        @Override
        public String describe() {
            return "SDK-compatible layout: DPS and each hub on a loopback address of its own, port 443, as on Azure";
        }

        @Override
        public Listener dps() {
            String address = first.getHostAddress();
            return new Listener(address, HTTPS_PORT, dpsName.orElse(address));
        }

        @Override
        public Listener dpsMqtt() {
            Listener dps = dps();
            return new Listener(dps.bindAddress(), MQTT_PORT, dps.advertisedHost());
        }

        @Override
        public Listener hub(int index, SimulatorConfig.HubSpec hub) {
            if (hub.port() != 0) {
                throw new IllegalArgumentException("hub '" + hub.name() + "' names port " + hub.port()
                        + ", but in the SDK-compatible layout every hub listens on 443 at an address of its own");
            }
            if (index >= MAX_HUBS) {
                throw new IllegalArgumentException("the SDK-compatible layout has room for " + MAX_HUBS + " hubs");
            }
            byte[] octets = first.getAddress();
            octets[3] = (byte) ((octets[3] & 0xff) + 1 + index);
            try {
                String address = InetAddress.getByAddress(octets).getHostAddress();
                return new Listener(address, HTTPS_PORT, address);
            } catch (UnknownHostException e) {
                throw new IllegalStateException("four octets are always an address", e);
            }
        }

        @Override
        public Listener hubMqtt(int index, SimulatorConfig.HubSpec hub) {
            Listener https = hub(index, hub);
            return new Listener(https.bindAddress(), MQTT_PORT, https.advertisedHost());
        }
    }

    /**
     * One bind address, the DPS on {@code dpsPort} and each hub on its own port (0: any free one); over MQTT, the DPS on
     * {@code mqttPort} and the {@code i}-th hub on {@code mqttPort + 1 + i}, or any free ports when {@code mqttPort} is 0.
     */
    record Ports(String bindAddress, String advertisedHost, int dpsPort, int mqttPort) implements EndpointLayout {
        @Override
        public String describe() {
            return "port layout: DPS and hubs on " + bindAddress + ", a port each (curl and dpsrig's devices take"
                    + " host:port; the Azure SDKs need the SDK-compatible layout)";
        }

        @Override
        public Listener dps() {
            return new Listener(bindAddress, dpsPort, advertisedHost);
        }

        /** MQTT clients that take a port are told it in dev-settings.json. */
        @Override
        public Listener dpsMqtt() {
            return new Listener(bindAddress, mqttPort, advertisedHost);
        }

        @Override
        public Listener hub(int index, SimulatorConfig.HubSpec hub) {
            return new Listener(bindAddress, hub.port(), advertisedHost);
        }

        /** The port after the DPS's MQTT port and the hubs before it, or any free port. */
        @Override
        public Listener hubMqtt(int index, SimulatorConfig.HubSpec hub) {
            return new Listener(bindAddress, mqttPort == 0 ? 0 : mqttPort + 1 + index, advertisedHost);
        }
    }
}
