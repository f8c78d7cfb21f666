package dev.dpsrig.app.cli.dps.enrollment;

import dev.dpsrig.app.cli.shared.ConnectionOptions;
import dev.dpsrig.app.cli.shared.OutputOptions;
import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.service.IndividualEnrollment;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", mixinStandardHelpOptions = true, description = "Print every individual enrollment, as a JSON array.")
final class EnrollmentListCommand implements Callable<Integer> {
    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private OutputOptions output;

    @Override
    public Integer call() {
        try (ServiceApiClient client = connection.client()) {
            output.print(Jsonp.createArrayBuilder(client.enrollments().stream().map(IndividualEnrollment::toJson).toList()).build());
        }
        return 0;
    }
}
