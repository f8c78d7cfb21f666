package dev.dpsrig.app.cli.dps.enrollment;

import dev.dpsrig.app.cli.shared.ConnectionOptions;
import dev.dpsrig.app.cli.shared.JsonOutput;
import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.service.IndividualEnrollment;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true, description = "Print every individual enrollment, as a JSON array.")
final class EnrollmentListCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Override
    public Integer call() {
        try (ServiceApiClient client = connection.client()) {
            JsonOutput.print(spec, Jsonp.createArrayBuilder(client.enrollments().stream().map(IndividualEnrollment::toJson).toList()).build());
        }
        return 0;
    }
}
