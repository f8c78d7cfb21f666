package dev.dpsrig.app.cli.dps.enrollment;

import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.service.CustomAllocationDefinition;
import dev.dpsrig.protocol.service.DeviceCapabilities;
import dev.dpsrig.protocol.service.ReprovisionPolicy;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
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

    private static final dev.dpsrig.protocol.service.EnrollmentSettings CREATED = new dev.dpsrig.protocol.service.EnrollmentSettings(
            Optional.of(new DeviceCapabilities(false)), List.of(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.of(ProvisioningStatusChoice.ENABLED.cliName()));

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--provisioning-status", paramLabel = "enabled|disabled",
            converter = ProvisioningStatusChoice.Converter.class,
            description = "Whether devices may register (default when created: enabled).")
    private Optional<ProvisioningStatusChoice> provisioningStatus = Optional.empty();

    @Option(names = "--allocation-policy", paramLabel = "hashed|geoLatency|static|custom",
            converter = AllocationPolicyChoice.Converter.class,
            description = "How a hub is chosen (default: the DPS's own policy).")
    private Optional<AllocationPolicyChoice> allocationPolicy = Optional.empty();

    @Option(names = "--iot-hubs", arity = "1..*", paramLabel = "HOST",
            description = "Host names of the linked hubs this enrollment may use, space-separated.")
    private List<String> iotHubs = new ArrayList<>();

    @Option(names = "--edge-enabled", arity = "0..1", fallbackValue = "true",
            paramLabel = "true|false", description = "The device is an IoT Edge device (default when created: false).")
    private Optional<Boolean> edgeEnabled = Optional.empty();

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

    /** The policy members of a new enrollment or group: those given, enabled and not an Edge device unless said. */
    public dev.dpsrig.protocol.service.EnrollmentSettings toWire() {
        return applyTo(CREATED);
    }

    /**
     * The policy members of an enrollment or group being updated: those given replace the current ones, the rest are
     * kept. Initial twin tags and desired properties replace their own part of the twin only.
     */
    public dev.dpsrig.protocol.service.EnrollmentSettings applyTo(dev.dpsrig.protocol.service.EnrollmentSettings current) {
        boolean custom = allocationPolicy.map(AllocationPolicyChoice.CUSTOM::equals)
                .orElse(current.allocationPolicy().filter(AllocationPolicyChoice.CUSTOM.cliName()::equals).isPresent());
        if (custom && webhookUrl.isEmpty() && current.customAllocationDefinition().isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--allocation-policy custom needs --webhook-url");
        }
        if (!custom && (webhookUrl.isPresent() || webhookApiVersion.isPresent())) {
            throw new ParameterException(spec.commandLine(), "--webhook-url and --api-version go with --allocation-policy custom");
        }
        List<String> hubs = iotHubs.stream().flatMap(value -> List.of(value.strip().split("\\s+")).stream())
                .filter(hub -> !hub.isEmpty()).toList();
        return new dev.dpsrig.protocol.service.EnrollmentSettings(
                edgeEnabled.map(DeviceCapabilities::new).or(current::capabilities),
                hubs.isEmpty() ? current.iotHubs() : hubs,
                hubs.isEmpty() ? current.iotHubHostName() : Optional.empty(),
                allocationPolicy.map(AllocationPolicyChoice::cliName).or(current::allocationPolicy),
                custom ? webhookUrl.map(url -> new CustomAllocationDefinition(url,
                        Optional.of(webhookApiVersion.orElse(DEFAULT_WEBHOOK_API_VERSION)))).or(current::customAllocationDefinition)
                        : Optional.empty(),
                initialTwin(current.initialTwin()),
                reprovisionPolicy.map(policy -> new ReprovisionPolicy(policy.updateHubAssignment(), policy.migrateDeviceData()))
                        .or(current::reprovisionPolicy),
                provisioningStatus.map(ProvisioningStatusChoice::cliName).or(current::provisioningStatus));
    }

    private Optional<JsonObject> initialTwin(Optional<JsonObject> current) {
        if (initialTwinTags.isEmpty() && initialTwinProperties.isEmpty()) {
            return current;
        }
        JsonObjectBuilder twin = Jsonp.createObjectBuilder(current.orElse(JsonValue.EMPTY_JSON_OBJECT));
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
