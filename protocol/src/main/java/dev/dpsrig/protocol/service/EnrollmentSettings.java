package dev.dpsrig.protocol.service;

import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.WireFormatException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Optional;

/**
 * What individual enrollments and enrollment groups share on the wire: whether they are enabled, how
 * a hub is chosen, and what a device gets on it. Each is a member of the enrollment or group itself.
 *
 * @param iotHubs        host names of the candidate hubs
 * @param iotHubHostName the single hub of older clients, read when {@code iotHubs} is not given
 * @param initialTwin    the twin a device starts with, kept as the JSON it came as
 */
public record EnrollmentSettings(
        Optional<DeviceCapabilities> capabilities,
        List<String> iotHubs,
        Optional<String> iotHubHostName,
        Optional<String> allocationPolicy,
        Optional<CustomAllocationDefinition> customAllocationDefinition,
        Optional<JsonObject> initialTwin,
        Optional<ReprovisionPolicy> reprovisionPolicy,
        Optional<String> provisioningStatus) {

    public static final EnrollmentSettings NONE = new EnrollmentSettings(Optional.empty(), List.of(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public EnrollmentSettings {
        iotHubs = List.copyOf(iotHubs);
    }

    public EnrollmentSettings withProvisioningStatus(String status) {
        return new EnrollmentSettings(capabilities, iotHubs, iotHubHostName, allocationPolicy, customAllocationDefinition,
                initialTwin, reprovisionPolicy, Optional.of(status));
    }

    /** Adds the settings given, in the order DPS writes them, to an enrollment's or group's members. */
    void writeTo(JsonObjectBuilder out) {
        capabilities.ifPresent(c -> out.add("capabilities", c.toJson()));
        if (!iotHubs.isEmpty()) {
            out.add("iotHubs", Jsonp.createArrayBuilder(iotHubs));
        }
        iotHubHostName.ifPresent(hub -> out.add("iotHubHostName", hub));
        allocationPolicy.ifPresent(policy -> out.add("allocationPolicy", policy));
        customAllocationDefinition.ifPresent(definition -> out.add("customAllocationDefinition", definition.toJson()));
        initialTwin.ifPresent(twin -> out.add("initialTwin", twin));
        reprovisionPolicy.ifPresent(policy -> out.add("reprovisionPolicy", policy.toJson()));
        provisioningStatus.ifPresent(status -> out.add("provisioningStatus", status));
    }

    /** @throws WireFormatException with a member of the wrong type, or a provisioning status other than enabled or disabled */
    static EnrollmentSettings fromJson(JsonObject json) {
        List<String> hubs = RequestFields.strings(json, "iotHubs");
        Optional<String> hubHostName = RequestFields.string(json, "iotHubHostName");
        Optional<String> allocation = RequestFields.string(json, "allocationPolicy");
        Optional<CustomAllocationDefinition> custom = RequestFields.object(json, "customAllocationDefinition")
                .map(CustomAllocationDefinition::fromJson);
        Optional<ReprovisionPolicy> reprovision = RequestFields.object(json, "reprovisionPolicy").map(ReprovisionPolicy::fromJson);
        Optional<String> status = RequestFields.string(json, "provisioningStatus");
        status.filter(s -> !s.equals("enabled") && !s.equals("disabled")).ifPresent(s -> {
            throw new WireFormatException("provisioningStatus '" + s + "' is not enabled or disabled");
        });
        Optional<DeviceCapabilities> capabilities = RequestFields.object(json, "capabilities").map(DeviceCapabilities::fromJson);
        return new EnrollmentSettings(capabilities, hubs, hubHostName, allocation, custom,
                RequestFields.object(json, "initialTwin"), reprovision, status);
    }
}
