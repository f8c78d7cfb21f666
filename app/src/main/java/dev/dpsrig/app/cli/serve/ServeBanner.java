package dev.dpsrig.app.cli.serve;

import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import java.io.PrintWriter;

/**
 * What {@code dpsrig serve} prints once its simulator listens, each on a line starting {@code dpsrig: }: whether the
 * published development key is in force, where MQTT devices connect, and last, once every listener is up, the
 * readiness line a script or a container's wait can look for, which starts {@code dpsrig: ready: } and names
 * {@code dev-settings.json}.
 */
final class ServeBanner {
    static final String READY = "dpsrig: ready: ";

    private ServeBanner() {
    }

    static void print(LocalSimulator simulator, PrintWriter out) {
        if (simulator.developmentKeyInForce()) {
            out.println("dpsrig: " + developmentKeyNotice(simulator));
        }
        out.println("dpsrig: " + mqttEndpoints(simulator));
        out.println(READY + "DPS " + simulator.dpsBaseUrl() + " (ID scope " + simulator.idScope() + "), hubs "
                + String.join(", ", simulator.hubs().stream().map(h -> h.name() + "=" + h.hostName()).toList())
                + (simulator.faults().rules().isEmpty() ? "" : "; " + simulator.faults().rules().size() + " fault rule(s) armed")
                + (simulator.quotaProfile().rates().isEmpty() ? "" : "; quotas " + simulator.quotaProfile())
                + "; health " + simulator.dpsBaseUrl() + "/health"
                + "; settings in " + simulator.devSettingsFile());
        out.flush();
    }

    /** Where MQTT devices connect, over TLS and over WebSockets, to the DPS and to each hub: one line. */
    static String mqttEndpoints(LocalSimulator simulator) {
        return "MQTT (TLS) and MQTT over WebSockets: DPS " + simulator.dpsMqttEndpoint() + " and " + simulator.dpsMqttWebSocketEndpoint()
                + String.join("", simulator.hubs().stream().map(hub -> "; hub " + hub.name() + " " + simulator.hubMqttEndpoint(hub.name())
                + " and " + simulator.hubMqttWebSocketEndpoint(hub.name())).toList());
    }

    /** The one line that says the published development key opens the service or admin API. */
    static String developmentKeyNotice(LocalSimulator simulator) {
        boolean service = simulator.serviceKey().equals(SimulatorConfig.DEFAULT_SERVICE_KEY);
        boolean admin = simulator.adminKey().equals(SimulatorConfig.DEFAULT_SERVICE_KEY);
        String which = service && admin ? "the service API and the admin API take" : service ? "the service API takes" : "the admin API takes";
        return which + " the published development key: whoever reaches the DPS port can change "
                + (admin ? "enrollments, hubs and faults" : "enrollments") + " (set your own with "
                + (service && admin ? "--service-key and --admin-key" : service ? "--service-key" : "--admin-key") + ")";
    }
}
