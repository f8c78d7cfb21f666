package dev.dpsrig.simulator.mqtt.dps;

import dev.dpsrig.protocol.ApiVersions;
import dev.dpsrig.protocol.RegistrationIds;
import dev.dpsrig.protocol.SasToken;
import dev.dpsrig.protocol.SasTokenException;
import dev.dpsrig.simulator.dps.DeviceCredentials;
import dev.dpsrig.simulator.dps.ProvisioningService;
import dev.dpsrig.simulator.fault.Call;
import dev.dpsrig.simulator.fault.Endpoint;
import dev.dpsrig.simulator.fault.FaultInjector;
import dev.dpsrig.simulator.fault.Transport;
import dev.dpsrig.simulator.mqtt.Admission;
import dev.dpsrig.simulator.mqtt.ConnectRefusal;
import dev.dpsrig.simulator.mqtt.MqttConnect;
import dev.dpsrig.simulator.mqtt.MqttFrontDoor;
import dev.dpsrig.simulator.mqtt.SessionState;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * Who may connect to DPS over MQTT. The CONNECT is refused only for what no register could get past: a user name not
 * of DPS's form ({@code 4}), a client id that is not the registration id ({@code 2}), an ID scope this DPS does not
 * have, a password that is no SAS token ({@code 4}), no credentials at all ({@code 5}). Whether the SAS token or the
 * certificate proves the device's enrollment is decided where HTTPS decides it, by the register and status calls, with
 * the connection's credentials: a wrong key is a 401 answer on the response topic, as a 401 answer over HTTPS. A
 * {@code connect-refused} fault rule refuses the CONNECT of a well-formed device with the CONNACK code it names.
 */
public final class DpsMqttFrontDoor implements MqttFrontDoor {
    private final Supplier<ProvisioningService> dps;
    private final FaultInjector faults;
    private final Clock clock;
    private final boolean strictApiVersions;

    /**
     * @param dps    the simulated DPS; null while the simulator is still starting
     * @param strictApiVersions whether a CONNECT must give an {@code api-version} Azure answers ({@code --strict})
     * @param faults the fault plan and quotas, asked at each CONNECT and at each register and poll
     */
    public DpsMqttFrontDoor(Supplier<ProvisioningService> dps, FaultInjector faults, Clock clock, boolean strictApiVersions) {
        this.strictApiVersions = strictApiVersions;
        this.dps = dps;
        this.faults = faults;
        this.clock = clock;
    }

    @Override
    public Admission admit(MqttConnect connect) {
        ProvisioningService service = dps.get();
        if (service == null) {
            return new Admission.Refused(ConnectRefusal.SERVER_UNAVAILABLE, "the simulator is still starting");
        }
        Optional<DpsUsername> username = connect.username().flatMap(DpsUsername::parse);
        if (username.isEmpty()) {
            return new Admission.Refused(ConnectRefusal.BAD_USERNAME_OR_PASSWORD, "user name '" + connect.username().orElse("")
                    + "' is not " + DpsUsername.EXPECTED);
        }
        Optional<Admission.Refused> unsupported = Admission.Refused.unsupported(strictApiVersions, ApiVersions.DPS_DEVICE,
                username.get().apiVersion());
        if (unsupported.isPresent()) {
            return unsupported.get();
        }
        String registrationId = username.get().registrationId();
        Optional<String> problem = RegistrationIds.problemWith(registrationId);
        if (problem.isPresent()) {
            return new Admission.Refused(ConnectRefusal.IDENTIFIER_REJECTED, problem.get());
        }
        if (!connect.clientId().equalsIgnoreCase(registrationId)) {
            return new Admission.Refused(ConnectRefusal.IDENTIFIER_REJECTED, "client id '" + connect.clientId()
                    + "' is not the registration id '" + registrationId + "' of the user name");
        }
        OptionalInt refused = faults.connectRefusal(Call.toDps(Transport.MQTT, Endpoint.DPS_CONNECT, registrationId));
        if (refused.isPresent()) {
            return new Admission.Refused(ConnectRefusal.of(refused.getAsInt()), "refused (injected fault, dps-connect)");
        }
        if (!service.idScope().equalsIgnoreCase(username.get().idScope())) {
            return new Admission.Refused(ConnectRefusal.NOT_AUTHORIZED, "unknown ID scope '" + username.get().idScope()
                    + "'; this DPS has ID scope '" + service.idScope() + "'");
        }
        DeviceCredentials credentials;
        if (connect.password().isPresent()) {
            try {
                credentials = new DeviceCredentials.Sas(SasToken.parse(connect.password().get()));
            } catch (SasTokenException e) {
                return new Admission.Refused(ConnectRefusal.BAD_USERNAME_OR_PASSWORD, e.getMessage());
            }
        } else if (!connect.clientChain().isEmpty()) {
            credentials = new DeviceCredentials.ClientCertificate(connect.clientChain());
        } else {
            return new Admission.Refused(ConnectRefusal.NOT_AUTHORIZED,
                    "no credentials: send a SAS token as the password or a client certificate");
        }
        return new Admission.Accepted(new DpsMqttSession(dps, faults, username.get(), credentials, clock), SessionState.ofConnection());
    }
}
