package dev.dpsrig.simulator.mqtt.hub;

import dev.dpsrig.protocol.ApiVersions;
import dev.dpsrig.protocol.HubErrorCode;
import dev.dpsrig.protocol.HubException;
import dev.dpsrig.protocol.SasToken;
import dev.dpsrig.protocol.SasTokenException;
import dev.dpsrig.simulator.dps.DeviceCredentials;
import dev.dpsrig.simulator.fault.Call;
import dev.dpsrig.simulator.fault.Endpoint;
import dev.dpsrig.simulator.fault.FaultInjector;
import dev.dpsrig.simulator.fault.Transport;
import dev.dpsrig.simulator.hub.HubHostNames;
import dev.dpsrig.simulator.hub.SimulatedHub;
import dev.dpsrig.simulator.mqtt.Admission;
import dev.dpsrig.simulator.mqtt.ConnectRefusal;
import dev.dpsrig.simulator.mqtt.MqttConnect;
import dev.dpsrig.simulator.mqtt.MqttFrontDoor;
import dev.dpsrig.simulator.mqtt.PersistentSessions;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Who may connect to one simulated hub over MQTT: a device whose client id is its device id, whose user name is
 * {@code {hub host}/{device id}/?api-version={version}}, and whose SAS token (the password, {@code sr} = {@code {hub host}/devices/{id}}) or
 * TLS client certificate the hub accepts, checked as over HTTPS. Refusals: a user name not of that form or a password
 * that is no SAS token ({@code 4}); a client id that is not the user name's device id, or names a module, which the
 * simulated hub does not have ({@code 2}); credentials the hub refuses, an unknown or disabled device ({@code 5}, as
 * IoT Hub answers); a hub still starting ({@code 3}). A {@code connect-refused} fault rule on {@code hub-connect} refuses
 * the CONNECT of a well-formed device with the CONNACK code it names; the session meets the fault plan at each
 * telemetry PUBLISH. A device that connects with CleanSession 0 keeps its subscriptions across connections, as IoT Hub
 * keeps them: its cloud-to-device messages resume on its next such connection without a SUBSCRIBE.
 */
public final class HubMqttFrontDoor implements MqttFrontDoor {
    private final Supplier<SimulatedHub> hub;
    private final FaultInjector faults;
    private final boolean strictApiVersions;
    private final DeviceConnections connections = new DeviceConnections();
    private final PersistentSessions sessions = new PersistentSessions();

    /**
     * @param hub    the simulated hub; null while the simulator is still starting
     * @param strictApiVersions whether a CONNECT must give an {@code api-version} Azure answers ({@code --strict})
     * @param faults the fault plan and quotas, asked at each CONNECT and at each telemetry PUBLISH
     */
    public HubMqttFrontDoor(Supplier<SimulatedHub> hub, FaultInjector faults, boolean strictApiVersions) {
        this.strictApiVersions = strictApiVersions;
        this.hub = hub;
        this.faults = faults;
    }

    @Override
    public Admission admit(MqttConnect connect) {
        SimulatedHub simulated = hub.get();
        if (simulated == null) {
            return new Admission.Refused(ConnectRefusal.SERVER_UNAVAILABLE, "the simulator is still starting");
        }
        Optional<HubUsername> username = connect.username().flatMap(HubUsername::parse);
        if (username.isEmpty()) {
            return new Admission.Refused(ConnectRefusal.BAD_USERNAME_OR_PASSWORD, "user name '" + connect.username().orElse("")
                    + "' is not " + HubUsername.EXPECTED);
        }
        Optional<Admission.Refused> unsupported = Admission.Refused.unsupported(strictApiVersions, ApiVersions.HUB_DEVICE,
                username.get().apiVersion());
        if (unsupported.isPresent()) {
            return unsupported.get();
        }
        String deviceId = username.get().deviceId();
        if (username.get().moduleId().isPresent() || connect.clientId().contains("/")) {
            return new Admission.Refused(ConnectRefusal.IDENTIFIER_REJECTED, "client id '" + connect.clientId()
                    + "' names a module: the simulated hub has device identities only, as DPS creates them");
        }
        if (!connect.clientId().equals(deviceId)) {
            return new Admission.Refused(ConnectRefusal.IDENTIFIER_REJECTED, "client id '" + connect.clientId()
                    + "' is not the device id '" + deviceId + "' of the user name");
        }
        OptionalInt refused = faults.connectRefusal(Call.toHub(Transport.MQTT, simulated.name(), Endpoint.HUB_CONNECT, deviceId, false));
        if (refused.isPresent()) {
            return new Admission.Refused(ConnectRefusal.of(refused.getAsInt()), "refused (injected fault, hub-connect)");
        }
        DeviceCredentials credentials;
        try {
            credentials = credentials(connect);
        } catch (SasTokenException e) {
            return new Admission.Refused(ConnectRefusal.BAD_USERNAME_OR_PASSWORD, e.getMessage());
        }
        Set<String> hostNames = HubHostNames.of(simulated.hub().hostName(), username.get().hubHost());
        try {
            simulated.authenticate(deviceId, credentials, hostNames);
        } catch (HubException e) {
            return new Admission.Refused(e.errorCode() == HubErrorCode.SERVICE_UNAVAILABLE ? ConnectRefusal.SERVER_UNAVAILABLE
                    : ConnectRefusal.NOT_AUTHORIZED, e.errorCode().code() + " " + e.errorCode().wireName() + ": " + e.getMessage());
        }
        return new Admission.Accepted(new HubMqttSession(simulated, faults, deviceId, credentials, hostNames, connections),
                sessions.resume(connect));
    }

    /** The SAS token of the password; else the TLS client certificate; else none, which the hub refuses. */
    private static DeviceCredentials credentials(MqttConnect connect) {
        if (connect.password().isPresent()) {
            return new DeviceCredentials.Sas(SasToken.parse(connect.password().get()));
        }
        if (!connect.clientChain().isEmpty()) {
            return new DeviceCredentials.ClientCertificate(connect.clientChain());
        }
        return new DeviceCredentials.None();
    }
}
