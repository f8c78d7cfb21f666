package dev.dpsrig.app.cli.dps.connectionstring;

import dev.dpsrig.app.cli.dps.DpsName;
import dev.dpsrig.app.cli.shared.ConnectionOptions;
import dev.dpsrig.app.cli.shared.OutputOptions;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.settings.ServiceConnectionString;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dpsrig dps connection-string show}: the DPS's service connection string as {@code az iot dps connection-string
 * show} prints it, a list of {@code {"connectionString", "name"}}. The simulator has one shared access policy with one
 * key, so a policy name or key type asking for another is refused rather than answered with the wrong string.
 */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Print the service connection string as az does: [{\"connectionString\": ..., \"name\": ...}].",
                "E.g. for a script: dpsrig dps connection-string show --query [0].connectionString -o tsv"})
final class ConnectionStringShowCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private OutputOptions output;

    @Option(names = {"--policy-name", "--pn"}, paramLabel = "NAME",
            description = "The shared access policy (default: the one the DPS has, provisioningserviceowner for the simulator).")
    private Optional<String> policyName = Optional.empty();

    @Option(names = {"--key-type", "--kt"}, paramLabel = "primary|secondary", defaultValue = "primary",
            description = "Which of the policy's keys (default: ${DEFAULT-VALUE}); the simulator's policy has only a primary key.")
    private String keyType;

    @Override
    public Integer call() {
        if (!keyType.equalsIgnoreCase("primary")) {
            throw new ParameterException(spec.commandLine(), "--key-type " + keyType
                    + ": only the primary key is known (the simulator's policy has no other; a --connection-string carries one)");
        }
        ServiceConnectionString service = connection.connectionString();
        policyName.filter(name -> !name.equalsIgnoreCase(service.policyName())).ifPresent(name -> {
            throw new ParameterException(spec.commandLine(), "--policy-name " + name + ": the only policy known is '"
                    + service.policyName() + "'");
        });
        output.print(Jsonp.createArrayBuilder().add(Jsonp.createObjectBuilder()
                .add("connectionString", service.text())
                .add("name", DpsName.of(service))).build());
        return 0;
    }
}
