package dev.dpsrig.features.targeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetsTest {
    private static final String KEY = "c2VydmljZS1rZXktZm9yLXRlc3RzLW9ubHk=";
    private static final String SERVICE = "HostName=my-dps.azure-devices-provisioning.net;SharedAccessKeyName=provisioningserviceowner;SharedAccessKey=" + KEY;
    private static final String OTHER_SERVICE = "HostName=other-dps.azure-devices-provisioning.net;SharedAccessKeyName=enrollmentwrite;SharedAccessKey=" + KEY;
    private static final String HUB = "HostName=my-hub.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=" + KEY;

    @TempDir
    Path folder;

    private Path file(String text) throws IOException {
        Path file = folder.resolve("azure.properties");
        Files.writeString(file, text);
        return file;
    }

    private static AzureSettings azure(Target target) {
        return switch (target) {
            case Target.Azure azure -> azure.settings();
            case Target.LocalSimulator local -> throw new AssertionError("expected the azure target, got " + target);
        };
    }

    @Test
    void simulatorIsTheTargetWithSimulatorControls() {
        Target target = Targets.resolve("simulator", Optional.empty(), Map.of());

        assertThat(target).isEqualTo(new Target.LocalSimulator());
        assertThat(target.hasSimulatorControls()).isTrue();
    }

    @Test
    void azureFromTheFileAlone() throws IOException {
        Path file = file("idScope=0ne00ABC123\nserviceConnectionString=" + SERVICE + "\nhubConnectionString=" + HUB + "\n");

        AzureSettings settings = azure(Targets.resolve("azure", Optional.of(file), Map.of()));

        assertThat(settings.idScope()).isEqualTo("0ne00ABC123");
        assertThat(settings.globalEndpoint()).isEqualTo("global.azure-devices-provisioning.net");
        assertThat(settings.service().hostName()).isEqualTo("my-dps.azure-devices-provisioning.net");
        assertThat(settings.service().policyName()).isEqualTo("provisioningserviceowner");
        assertThat(settings.hub()).hasValueSatisfying(hub -> assertThat(hub.hostName()).isEqualTo("my-hub.azure-devices.net"));
    }

    @Test
    void azureFromTheEnvironmentAlone() {
        AzureSettings settings = azure(Targets.resolve("azure", Optional.empty(), Map.of(
                "DPSRIG_AZURE_ID_SCOPE", "0ne00ABC123",
                "DPSRIG_AZURE_GLOBAL_ENDPOINT", "global.example.net:8443",
                "DPSRIG_AZURE_SERVICE_CONNECTION_STRING", SERVICE)));

        assertThat(settings.idScope()).isEqualTo("0ne00ABC123");
        assertThat(settings.globalEndpoint()).isEqualTo("global.example.net:8443");
        assertThat(settings.hub()).isEmpty();
        assertThat(settings.toString()).doesNotContain(KEY);
    }

    @Test
    void environmentWinsOverTheFile() throws IOException {
        Path file = file("idScope=0ne00FILE01\nglobalEndpoint=from-file.example.net\nserviceConnectionString=" + SERVICE + "\n");

        AzureSettings settings = azure(Targets.resolve("azure", Optional.of(file), Map.of(
                "DPSRIG_AZURE_ID_SCOPE", "0ne00ENV002",
                "DPSRIG_AZURE_SERVICE_CONNECTION_STRING", OTHER_SERVICE)));

        assertThat(settings.idScope()).isEqualTo("0ne00ENV002");
        assertThat(settings.service().hostName()).isEqualTo("other-dps.azure-devices-provisioning.net");
        assertThat(settings.globalEndpoint()).as("not overridden, so the file's").isEqualTo("from-file.example.net");
    }

    @Test
    void missingKeyIsNamedWithWhereItWasLookedFor() throws IOException {
        Path file = file("serviceConnectionString=" + SERVICE + "\n");

        assertThatThrownBy(() -> Targets.resolve("azure", Optional.of(file), Map.of()))
                .isInstanceOf(TargetConfigException.class)
                .satisfies(e -> assertThat(((TargetConfigException) e).key()).isEqualTo("idScope"))
                .hasMessageContaining("idScope is missing")
                .hasMessageContaining("DPSRIG_AZURE_ID_SCOPE")
                .hasMessageContaining(file.toString());
    }

    @Test
    void missingServiceConnectionStringWithoutAFile() {
        assertThatThrownBy(() -> Targets.resolve("azure", Optional.empty(), Map.of("DPSRIG_AZURE_ID_SCOPE", "0ne00ABC123")))
                .isInstanceOf(TargetConfigException.class)
                .hasMessageContaining("serviceConnectionString is missing")
                .hasMessageContaining("no --azure-config file given");
    }

    @Test
    void malformedConnectionStringNamesKeyAndSourceButNotTheSecret() {
        String noKey = "HostName=my-dps.azure-devices-provisioning.net;SharedAccessKeyName=provisioningserviceowner";

        assertThatThrownBy(() -> Targets.resolve("azure", Optional.empty(), Map.of("DPSRIG_AZURE_ID_SCOPE", "0ne00ABC123",
                "DPSRIG_AZURE_SERVICE_CONNECTION_STRING", noKey)))
                .isInstanceOf(TargetConfigException.class)
                .hasMessageContaining("serviceConnectionString from DPSRIG_AZURE_SERVICE_CONNECTION_STRING is malformed")
                .hasMessageContaining("no SharedAccessKey");
        assertThatThrownBy(() -> Targets.resolve("azure", Optional.empty(), Map.of("DPSRIG_AZURE_ID_SCOPE", "0ne00ABC123",
                "DPSRIG_AZURE_SERVICE_CONNECTION_STRING", SERVICE, "DPSRIG_AZURE_HUB_CONNECTION_STRING", "HostName=h;SharedAccessKeyName=p;SharedAccessKey=%%%")))
                .hasMessageContaining("hubConnectionString from DPSRIG_AZURE_HUB_CONNECTION_STRING is malformed")
                .hasMessageNotContaining("%%%");
    }

    @Test
    void malformedIdScope() {
        assertThatThrownBy(() -> Targets.resolve("azure", Optional.empty(), Map.of("DPSRIG_AZURE_ID_SCOPE", "0ne/../x",
                "DPSRIG_AZURE_SERVICE_CONNECTION_STRING", SERVICE)))
                .isInstanceOf(TargetConfigException.class)
                .hasMessageContaining("idScope '0ne/../x' from DPSRIG_AZURE_ID_SCOPE is malformed");
    }

    @Test
    void missingConfigFileIsNamed() {
        Path absent = folder.resolve("absent.properties");

        assertThatThrownBy(() -> Targets.resolve("azure", Optional.of(absent), Map.of()))
                .isInstanceOf(TargetConfigException.class)
                .hasMessage("azure config file " + absent + ": no such file");
    }

    @Test
    void unknownTarget() {
        assertThatThrownBy(() -> Targets.resolve("aws", Optional.empty(), Map.of()))
                .isInstanceOf(TargetConfigException.class)
                .hasMessage("unknown target 'aws'; choose simulator or azure");
    }
}
