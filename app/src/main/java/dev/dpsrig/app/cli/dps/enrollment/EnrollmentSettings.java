package dev.dpsrig.app.cli.dps.enrollment;

import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.service.CustomAllocationDefinition;
import dev.dpsrig.protocol.service.DeviceCapabilities;
import dev.dpsrig.protocol.service.ReprovisionPolicy;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The policy part of an individual enrollment or an enrollment group, with {@code az}'s option names. */
public final class EnrollmentSettings {
    private static final String DEFAULT_WEBHOOK_API_VERSION = "2021-10-01";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--provisioning-status", defaultValue = "enabled", paramLabel = "enabled|disabled",
            converter = ProvisioningStatusChoice.Converter.class,
            description = "Whether devices may register (default: ${DEFAULT-VALUE}).")
    private ProvisioningStatusChoice provisioningStatus;

    @Option(names = "--allocation-policy", paramLabel = "hashed|geoLatency|static|custom",
            converter = AllocationPolicyChoice.Converter.class,
            description = "How a hub is chosen (default: the DPS's own policy).")
    private Optional<AllocationPolicyChoice> allocationPolicy = Optional.empty();

    @Option(names = "--iot-hubs", arity = "1..*", paramLabel = "HOST",
            description = "Host names of the linked hubs this enrollment may use, space-separated.")
    private List<String> iotHubs = new ArrayList<>();

    @Option(names = "--edge-enabled", arity = "0..1", defaultValue = "false", fallbackValue = "true",
            paramLabel = "true|false", description = "The device is an IoT Edge device (default: ${DEFAULT-VALUE}).")
    private boolean edgeEnabled;

    @Option(names = "--initial-twin-tags", paramLabel = "JSON", description = "Initial twin tags, a JSON object.")
    private Optional<String> initialTwinTags = Optional.empty();

    @Option(names = "--initial-twin-properties", paramLabel = "JSON",
            description = "Initial desired properties of the twin, a JSON object.")
    private Optional<String> initialTwinProperties = Optional.empty();

    @Option(names = "--webhook-url", paramLabel = "URL", description = "With --allocation-policy custom: the allocation webhook.")
    private Optional<String> webhookUrl = Optional.empty();

    @Option(names = "--api-version", paramLabel = "VERSION",
            description = "With --allocation-policy custom: the api-version DPS sends the webhook (default: "
                    + DEFAULT_WEBHOOK_API_VERSION + ").")
    private Optional<String> webhookApiVersion = Optional.empty();

    @Option(names = "--reprovision-policy", paramLabel = "POLICY",
            converter = ReprovisionPolicyChoice.Converter.class,
            description = "When a registered device registers again: reprovisionandmigratedata (the default),"
                    + " reprovisionandresetdata or neverreprovision.")
    private Optional<ReprovisionPolicyChoice> reprovisionPolicy = Optional.empty();

    /** The policy members of an enrollment or group. */
    public dev.dpsrig.protocol.service.EnrollmentSettings toWire() {
        boolean custom = allocationPolicy.filter(AllocationPolicyChoice.CUSTOM::equals).isPresent();
        if (custom && webhookUrl.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--allocation-policy custom needs --webhook-url");
        }
        if (!custom && (webhookUrl.isPresent() || webhookApiVersion.isPresent())) {
            throw new ParameterException(spec.commandLine(), "--webhook-url and --api-version go with --allocation-policy custom");
        }
        List<String> hubs = iotHubs.stream().flatMap(value -> List.of(value.strip().split("\\s+")).stream())
                .filter(hub -> !hub.isEmpty()).toList();
        return new dev.dpsrig.protocol.service.EnrollmentSettings(
                Optional.of(new DeviceCapabilities(edgeEnabled)),
                hubs,
                Optional.empty(),
                allocationPolicy.map(AllocationPolicyChoice::cliName),
                webhookUrl.map(url -> new CustomAllocationDefinition(url, Optional.of(webhookApiVersion.orElse(DEFAULT_WEBHOOK_API_VERSION)))),
                initialTwin(),
                reprovisionPolicy.map(policy -> new ReprovisionPolicy(policy.updateHubAssignment(), policy.migrateDeviceData())),
                Optional.of(provisioningStatus.cliName()));
    }

    private Optional<JsonObject> initialTwin() {
        if (initialTwinTags.isEmpty() && initialTwinProperties.isEmpty()) {
            return Optional.empty();
        }
        JsonObjectBuilder twin = Jsonp.createObjectBuilder();
        initialTwinTags.ifPresent(tags -> twin.add("tags", jsonObject("--initial-twin-tags", tags)));
        initialTwinProperties.ifPresent(desired -> twin.add("properties", Jsonp.createObjectBuilder()
                .add("desired", jsonObject("--initial-twin-properties", desired))));
        return Optional.of(twin.build());
    }

    private JsonObject jsonObject(String option, String text) {
        try (JsonReader reader = Jsonp.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (JsonException e) {
            throw new ParameterException(spec.commandLine(), option + " is not a JSON object: " + e.getMessage());
        }
    }
}
