package dev.dpsrig.app.cli.dps;

import static dev.dpsrig.app.cli.CommandRun.dpsrig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.app.cli.CommandRun;
import dev.dpsrig.app.cli.SimulatorFolder;
import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.IdentityFiles;
import dev.dpsrig.protocol.RegistrationStatus;
import dev.dpsrig.protocol.SasToken;
import dev.dpsrig.protocol.SymmetricKeys;
import dev.dpsrig.protocol.settings.ServiceConnectionString;
import dev.dpsrig.simulator.dps.DeviceCredentials;
import dev.dpsrig.simulator.dps.OperationStatus;
import dev.dpsrig.simulator.http.InProcessDps;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code az iot dps} lines scripts use, against a running simulator over HTTPS: {@code -o}/{@code --query} as az
 * has them, {@code show}, {@code connection-string show}, {@code enrollment update}, {@code compute-device-key} and
 * individual enrollments by {@code --ca-name}; the keys and references they print are used by devices that register.
 */
class DpsAzParityIT {
    @RegisterExtension
    final SimulatorFolder running = new SimulatorFolder();

    @TempDir
    Path files;

    @Test
    void showGivesTheIdScopeAsAzDoesToAScript() {
        CommandRun scope = dps("show", "-g", "my-rg", "-n", "my-dps", "--query", "properties.idScope", "-o", "tsv");
        assertThat(scope.exitCode()).as(scope.err()).isZero();
        assertThat(scope.out()).isEqualTo(running.simulator().idScope() + "\n");

        JsonObject shown = dps("show").json();
        assertThat(shown.getString("name")).isEqualTo("dpsrig");
        JsonObject properties = shown.getJsonObject("properties");
        assertThat(properties.getString("serviceOperationsHostName")).isEqualTo(connection().hostName());
        assertThat(properties.getString("deviceProvisioningHostName")).isNotBlank();
        assertThat(properties.getJsonArray("iotHubs")).extracting(hub -> hub.asJsonObject().getString("name"))
                .containsExactlyElementsOf(running.simulator().hubs().stream().map(hub -> hub.hostName()).toList());
        assertThat(shown.getJsonObject("dpsrig").getString("serviceBaseUrl")).startsWith("https://");
        assertThat(shown.getJsonObject("dpsrig").getString("mqttEndpoint")).isNotBlank();

        CommandRun withConnectionString = dpsrig("dps", "show", "--connection-string", connection().text());
        assertThat(withConnectionString.exitCode()).isEqualTo(2);
        assertThat(withConnectionString.err()).contains("reads the simulator's dev-settings.json");
    }

    @Test
    void listsPrintAsTablesTsvOrQueriedJson() {
        dps("enrollment", "create", "--enrollment-id", "dev-b", "--attestation-type", "symmetrickey", "--device-id", "bee");
        dps("enrollment", "create", "--enrollment-id", "dev-a", "--attestation-type", "symmetrickey", "--provisioning-status", "disabled");

        List<String> table = dps("enrollment", "list", "-o", "table").out().lines().toList();
        assertThat(table.getFirst()).startsWith("RegistrationId").contains("DeviceId", "ProvisioningStatus")
                .doesNotContain("Etag", "Attestation");
        assertThat(table.get(1)).matches("[- ]+");
        assertThat(table.subList(2, table.size())).hasSize(2).anySatisfy(row -> assertThat(row).startsWith("dev-b").contains("bee"));

        CommandRun ids = dps("enrollment", "list", "--query", "[?provisioningStatus=='enabled'].registrationId", "-o", "tsv");
        assertThat(ids.out()).isEqualTo("dev-b\n");
        CommandRun queried = dps("enrollment", "show", "--enrollment-id", "dev-a", "--query",
                "{id: registrationId, status: provisioningStatus}");
        assertThat(queried.json()).isEqualTo(Json.createObjectBuilder().add("id", "dev-a").add("status", "disabled").build());
        assertThat(dps("enrollment", "list", "-o", "none").out()).isEmpty();
        assertThat(dps("enrollment", "list", "-o", "jsonc").out()).contains("\u001b[").contains("dev-a");
    }

    @Test
    void aBadQueryOrOutputIsAUsageErrorOnOneLine() {
        CommandRun badQuery = dps("enrollment", "list", "--query", "[?status==");
        assertThat(badQuery.exitCode()).isEqualTo(2);
        assertThat(badQuery.err().lines()).singleElement().asString().startsWith("dpsrig dps enrollment list: ")
                .contains("--query").contains("'[?status==' is not a JMESPath expression");

        CommandRun badOutput = dps("show", "-o", "yaml");
        assertThat(badOutput.exitCode()).isEqualTo(2);
        assertThat(badOutput.err()).contains("'yaml' is not one of json, jsonc, table, tsv, none");
    }

    @Test
    void connectionStringShowIsAzsListOfOne() {
        JsonObject only = dps("connection-string", "show").array().getJsonObject(0);
        assertThat(only.getString("connectionString")).isEqualTo(connection().text());
        assertThat(dpsrig("dps", "connection-string", "show", "--connection-string",
                "HostName=my-dps.azure-devices-provisioning.net;SharedAccessKeyName=provisioningserviceowner;SharedAccessKey="
                        + SymmetricKeys.generate(), "--query", "[0].name", "-o", "tsv").out()).isEqualTo("my-dps\n");
        assertThat(dps("connection-string", "show", "--policy-name", "provisioningserviceowner", "--query", "[0].connectionString",
                "-o", "tsv").out()).isEqualTo(connection().text() + "\n");

        CommandRun secondary = dps("connection-string", "show", "--key-type", "secondary");
        assertThat(secondary.exitCode()).isEqualTo(2);
        assertThat(secondary.err()).contains("only the primary key");
        CommandRun otherPolicy = dps("connection-string", "show", "--policy-name", "registryRead");
        assertThat(otherPolicy.exitCode()).isEqualTo(2);
        assertThat(otherPolicy.err()).contains("the only policy known is '" + connection().policyName() + "'");
    }

    @Test
    void computedDeviceKeyRegistersTheDeviceThroughItsGroup() {
        String groupKey = SymmetricKeys.generate();
        dps("enrollment-group", "create", "--enrollment-id", "fleet", "--primary-key", groupKey);

        CommandRun computed = dps("enrollment-group", "compute-device-key", "--eid", "fleet", "--rid", "sensor-17");
        assertThat(computed.exitCode()).as(computed.err()).isZero();
        JsonValue printed = Json.createReader(new StringReader(computed.out())).readValue();
        String deviceKey = ((JsonString) printed).getString();
        assertThat(dpsrig("dps", "enrollment-group", "compute-device-key", "--key", groupKey, "--registration-id", "sensor-17").out())
                .isEqualTo(computed.out());
        assertThat(registerWithKey("sensor-17", deviceKey).status()).isEqualTo(RegistrationStatus.ASSIGNED);

        CommandRun neither = dps("enrollment-group", "compute-device-key", "--rid", "sensor-17");
        assertThat(neither.exitCode()).isEqualTo(2);
        CommandRun notBase64 = dpsrig("dps", "enrollment-group", "compute-device-key", "--key", "not base64!", "--rid", "sensor-17");
        assertThat(notBase64.exitCode()).isEqualTo(2);
        assertThat(notBase64.err()).contains("--key is not base64: character ' ' at position 4");
    }

    @Test
    void updateChangesWhatIsGivenKeepsTheRestAndHonoursTheEtag() {
        JsonObject created = dps("enrollment", "create", "--enrollment-id", "dev-u", "--attestation-type", "symmetrickey",
                "--device-id", "unit-7", "--reprovision-policy", "neverreprovision").json();
        String key = created.getJsonObject("attestation").getJsonObject("symmetricKey").getString("primaryKey");

        CommandRun updated = dps("enrollment", "update", "--enrollment-id", "dev-u", "--provisioning-status", "disabled",
                "--initial-twin-tags", "{\"room\":\"lab\"}");
        assertThat(updated.exitCode()).as(updated.err()).isZero();
        JsonObject enrollment = updated.json();
        assertThat(enrollment.getString("provisioningStatus")).isEqualTo("disabled");
        assertThat(enrollment.getString("deviceId")).isEqualTo("unit-7");
        assertThat(enrollment.getJsonObject("reprovisionPolicy").getBoolean("updateHubAssignment")).isFalse();
        assertThat(enrollment.getJsonObject("initialTwin").getJsonObject("tags").getString("room")).isEqualTo("lab");
        assertThat(enrollment.getJsonObject("attestation").getJsonObject("symmetricKey").getString("primaryKey")).isEqualTo(key);
        assertThat(enrollment.getString("etag")).isNotEqualTo(created.getString("etag"));

        CommandRun stale = dps("enrollment", "update", "--enrollment-id", "dev-u", "--provisioning-status", "enabled",
                "--etag", created.getString("etag"));
        assertThat(stale.exitCode()).isEqualTo(1);
        assertThat(stale.err()).contains("412");
        assertThat(dps("enrollment", "show", "--enrollment-id", "dev-u", "--query", "provisioningStatus", "-o", "tsv").out())
                .isEqualTo("disabled\n");

        CommandRun enabled = dps("enrollment", "update", "--enrollment-id", "dev-u", "--provisioning-status", "enabled");
        assertThat(enabled.exitCode()).as(enabled.err()).isZero();
        assertThat(registerWithKey("dev-u", key).status()).isEqualTo(RegistrationStatus.ASSIGNED);
        assertThat(dps("enrollment", "update", "--enrollment-id", "dev-u", "--certificate-path", "x.pem").exitCode()).isEqualTo(2);
    }

    @Test
    void individualEnrollmentByCaNameRegistersADeviceTheCaSigned() {
        HeldCertificate root = HeldCertificate.builder().commonName("my-root").certificateAuthority().build();
        HeldCertificate device = HeldCertificate.builder().commonName("device-01").clientAuth().signedBy(root).build();
        Path rootFile = files.resolve("root.pem");
        IdentityFiles.writeCertificates(rootFile, List.of(root.certificate()));
        assertThat(dps("certificate", "create", "--certificate-name", "my-root", "--path", rootFile.toString(), "--verified", "true")
                .exitCode()).isZero();

        CommandRun created = dps("enrollment", "create", "-g", "my-rg", "--dps-name", "my-dps", "--enrollment-id", "device-01",
                "--attestation-type", "x509", "--ca-name", "my-root");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(dps("enrollment", "show", "--enrollment-id", "device-01", "--query", "attestation.x509.caReferences.primary",
                "-o", "tsv").out()).isEqualTo("my-root\n");

        DeviceCredentials credentials = new DeviceCredentials.ClientCertificate(device.fullChain());
        InProcessDps service = running.simulator().service();
        OperationStatus accepted = service.register(running.simulator().idScope(), "device-01", credentials, Optional.empty());
        assertThat(service.lookupOperation(running.simulator().idScope(), "device-01", accepted.operationId(), credentials).status())
                .isEqualTo(RegistrationStatus.ASSIGNED);

        CommandRun both = dps("enrollment", "create", "--enrollment-id", "device-02", "--attestation-type", "x509", "--ca-name", "my-root",
                "--certificate-path", rootFile.toString());
        assertThat(both.exitCode()).isEqualTo(2);
    }

    private ServiceConnectionString connection() {
        return ServiceConnectionString.parse(running.simulator().serviceConnectionString());
    }

    private OperationStatus registerWithKey(String registrationId, String key) {
        DeviceCredentials credentials = new DeviceCredentials.Sas(SasToken.sign(running.simulator().idScope() + "/registrations/" + registrationId,
                key, Instant.now().plusSeconds(3600), Optional.of("registration")));
        InProcessDps service = running.simulator().service();
        OperationStatus accepted = service.register(running.simulator().idScope(), registrationId, credentials, Optional.empty());
        return service.lookupOperation(running.simulator().idScope(), registrationId, accepted.operationId(), credentials);
    }

    /** {@code dpsrig dps ARGS...} against this test's simulator. */
    private CommandRun dps(String... args) {
        return CommandRun.against(running.dataDir(), "dps", args);
    }
}
