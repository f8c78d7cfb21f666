package dev.dpsrig.app.cli.faults;

import dev.dpsrig.app.cli.shared.ConnectionOptions;
import dev.dpsrig.app.cli.shared.JsonOutput;
import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dpsrig faults records}: every fault the running simulator served, one a line or as JSON. */
@Command(name = "records", mixinStandardHelpOptions = true,
        description = "Every fault served, oldest first: sequence, time, rule, endpoint, device, the device's call number, kind.")
final class FaultsRecordsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Option(names = "--json", description = "Print the records as a JSON array.")
    private boolean json;

    @Option(names = "--device", paramLabel = "ID", description = "Only faults served to this device.")
    private String device;

    @Override
    public Integer call() {
        try (ServiceApiClient client = connection.client()) {
            List<JsonObject> records = client.faultRecords().stream().map(JsonValue::asJsonObject)
                    .filter(record -> device == null || record.getString("device").equalsIgnoreCase(device)).toList();
            if (json) {
                JsonArrayBuilder array = Jsonp.createArrayBuilder();
                records.forEach(array::add);
                JsonOutput.print(spec, array.build());
            } else {
                PrintWriter out = spec.commandLine().getOut();
                records.forEach(record -> out.println("#" + record.getJsonNumber("sequence") + " " + record.getString("at") + " "
                        + record.getString("rule") + " " + record.getString("endpoint") + " "
                        + (record.getString("device").isEmpty() ? "(handshake)" : record.getString("device"))
                        + " call " + record.getJsonNumber("call") + " " + record.getString("kind")));
                out.flush();
            }
        }
        return 0;
    }
}
