package dev.dpsrig.simulator.http;

import static dev.dpsrig.simulator.http.DpsAssertions.assertAssigned;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.simulator.server.LocalSimulator;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Devices provisioned through the simulator's DPS the way the walkthroughs do it (enrollment, then
 * register and poll with curl), each with what it needs next: the hub DPS assigned and the curl
 * credentials for that hub.
 */
final class HubDevices {
    /**
     * A device DPS assigned to a hub.
     *
     * @param assignedHub    {@code host:port} from the registration state's {@code assignedHub}
     * @param hubCredentials curl arguments that authenticate it to the hub
     * @param key            the symmetric key it signs with (absent for X.509 devices)
     */
    record Provisioned(String deviceId, String assignedHub, List<String> hubCredentials, Optional<String> key) {
    }

    private final LocalSimulator simulator;
    private final Path directory;
    private final DpsClient client;

    HubDevices(LocalSimulator simulator, Path directory) {
        this.simulator = simulator;
        this.directory = directory;
        this.client = new DpsClient(simulator, directory);
    }

    /**
     * An individual symmetric-key enrollment registered with a DPS token from the walkthrough's generator;
     * its hub credentials are a hub token from the same generator ({@code sr = {hub}/devices/{id}}, no skn).
     */
    Provisioned symmetricKey(String registrationId) {
        String key = Enrollments.keysOf(simulator.service().putEnrollment(registrationId, Enrollments.symmetricKey(),
                Optional.empty()).attestation()).primaryKey();
        List<String> dpsCredentials = DpsClient.sas(SeedScripts.sasToken(directory, client.resourceUri(registrationId), key));
        JsonObject state = assertAssigned(client.registerAndAwait(registrationId, dpsCredentials));
        String hub = state.getString("assignedHub");
        String deviceId = state.getString("deviceId");
        String hubToken = SeedScripts.hubSasToken(directory, hub + "/devices/" + deviceId, key);
        return new Provisioned(deviceId, hub, DpsClient.sas(hubToken), Optional.of(key));
    }

    /** An individual X.509 enrollment of {@code device}'s own certificate, registered presenting it. */
    Provisioned x509(HeldCertificate device) {
        simulator.service().putEnrollment(device.commonName(), Enrollments.clientCertificate(device.certificate()), Optional.empty());
        List<String> credentials = SeedPki.curlIdentity(directory, device.commonName(), device.fullChain(), device.privateKey());
        JsonObject state = assertAssigned(client.registerAndAwait(device.commonName(), credentials));
        return new Provisioned(state.getString("deviceId"), state.getString("assignedHub"), credentials, Optional.empty());
    }

    /** A self-signed client certificate, as an individual X.509 enrollment holds one. */
    static HeldCertificate selfSigned(String commonName) {
        return HeldCertificate.builder().commonName(commonName).clientAuth().build();
    }
}
