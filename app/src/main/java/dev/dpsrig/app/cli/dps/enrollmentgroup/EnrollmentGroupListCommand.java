package dev.dpsrig.app.cli.dps.enrollmentgroup;

import dev.dpsrig.app.cli.shared.ConnectionOptions;
import dev.dpsrig.app.cli.shared.OutputOptions;
import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.service.EnrollmentGroup;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", mixinStandardHelpOptions = true, description = "Print every enrollment group, as a JSON array.")
final class EnrollmentGroupListCommand implements Callable<Integer> {
    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private OutputOptions output;

    @Override
    public Integer call() {
        try (ServiceApiClient client = connection.client()) {
            output.print(Jsonp.createArrayBuilder(client.groups().stream().map(EnrollmentGroup::toJson).toList()).build());
        }
        return 0;
    }
}
