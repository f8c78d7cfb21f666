package dev.dpsrig.app.cli.hub;

import dev.dpsrig.app.cli.shared.ConnectionOptions;
import dev.dpsrig.app.cli.shared.OutputOptions;
import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.SasToken;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dpsrig hub generate-sas-token}: a SAS token for a device identity of a simulated hub, as {@code az iot hub
 * generate-sas-token -d DEVICE} makes one: {@code sr} is {@code {hostName}/devices/{id}}, signed with the device's key as
 * the hub holds it (the one DPS registered it with), printed as {@code {"sas": "SharedAccessSignature ..."}}.
 */
@Command(name = "generate-sas-token", mixinStandardHelpOptions = true,
        description = {"Make a SAS token for a device of a hub, signed with its key as the hub holds it, like"
                + " `az iot hub generate-sas-token`; prints {\"sas\": \"SharedAccessSignature sr=...&sig=...&se=...\"}.",
                "E.g. for curl: dpsrig hub generate-sas-token -d dev-1 --query sas -o tsv"})
final class HubGenerateSasTokenCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private OutputOptions output;

    @Mixin
    private HubSelection selection;

    @Option(names = {"-d", "--device-id"}, required = true, paramLabel = "ID", description = "The device the token is for.")
    private String deviceId;

    @Option(names = {"--du", "--duration"}, defaultValue = "3600", paramLabel = "SECONDS",
            description = "How long the token is valid, in seconds (default: ${DEFAULT-VALUE}).")
    private long durationSeconds;

    @Option(names = {"--kt", "--key-type"}, defaultValue = "primary", paramLabel = "primary|secondary",
            description = "Which of the device's keys signs (default: ${DEFAULT-VALUE}).")
    private String keyType;

    @Option(names = {"-m", "--module-id"}, paramLabel = "ID",
            description = "Accepted for az compatibility: the simulated hubs have no module identities, so it is refused.")
    private Optional<String> moduleId = Optional.empty();

    private final Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        if (durationSeconds <= 0) {
            throw new ParameterException(spec.commandLine(), "--du must be a positive number of seconds, not " + durationSeconds);
        }
        if (!keyType.equals("primary") && !keyType.equals("secondary")) {
            throw new ParameterException(spec.commandLine(), "--key-type must be primary or secondary, not '" + keyType + "'");
        }
        moduleId.ifPresent(module -> {
            throw new ParameterException(spec.commandLine(), "--module-id " + module
                    + ": the simulated hubs have device identities only, made by DPS; a module has no key of its own here");
        });
        try (ServiceApiClient client = connection.client()) {
            String hub = selection.hubOf(client, deviceId);
            String key = deviceKey(client.hubDevice(hub, deviceId));
            Instant expiry = clock.instant().plusSeconds(durationSeconds);
            SasToken token = SasToken.sign(HubSelection.hostName(client, hub) + "/devices/" + deviceId, key, expiry, Optional.empty());
            output.print(Jsonp.createObjectBuilder().add("sas", token.toAuthorizationHeader()).build());
        }
        return 0;
    }

    private String deviceKey(JsonObject device) {
        JsonObject authentication = device.getJsonObject("authentication");
        JsonObject keys = authentication.getJsonObject("symmetricKey");
        if (keys == null) {
            throw new ParameterException(spec.commandLine(), "device '" + deviceId + "' authenticates with "
                    + authentication.getString("type", "certificates") + ", not a symmetric key: it has no key to sign a SAS token with");
        }
        return keys.getString(keyType + "Key");
    }
}
