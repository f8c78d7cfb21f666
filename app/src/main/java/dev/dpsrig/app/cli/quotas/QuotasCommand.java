package dev.dpsrig.app.cli.quotas;

import dev.dpsrig.app.cli.shared.ConnectionOptions;
import dev.dpsrig.app.cli.shared.ExitCodes;
import dev.dpsrig.app.cli.shared.JsonOutput;
import dev.dpsrig.emulator.client.ServiceApiClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "quotas", mixinStandardHelpOptions = true,
        description = {"Show the quota profile the running simulator enforces, or set a new one (its buckets start full).",
                "Profiles: off, azure-s1[:UNITS], azure-s3[:UNITS], or explicit quotas like"
                        + " registrations=1000/min,operations=1000/min,polls=5/10s,d2c=100/s,c2d-receives=16.67/s."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {
                ExitCodes.DONE_LINE,
                ExitCodes.SERVICE_REFUSED_LINE,
                ExitCodes.USAGE_LINE,
                ExitCodes.UNREACHABLE_LINE})
public final class QuotasCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Parameters(arity = "0..1", paramLabel = "PROFILE", description = "The profile to enforce from now on; without it, show the current one.")
    private String profile;

    @Override
    public Integer call() {
        try (ServiceApiClient client = connection.client()) {
            JsonOutput.print(spec, profile == null ? client.quotaProfile() : client.setQuotaProfile(profile));
        }
        return 0;
    }
}
