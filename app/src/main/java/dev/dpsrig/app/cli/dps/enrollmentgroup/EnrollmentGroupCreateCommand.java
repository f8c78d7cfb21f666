package dev.dpsrig.app.cli.dps.enrollmentgroup;

import dev.dpsrig.app.cli.dps.enrollment.AttestationOptions;
import dev.dpsrig.app.cli.dps.enrollment.Attestations;
import dev.dpsrig.app.cli.dps.enrollment.EnrollmentSettings;
import dev.dpsrig.app.cli.shared.ConnectionOptions;
import dev.dpsrig.app.cli.shared.OutputOptions;
import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.protocol.service.EnrollmentGroup;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "create", mixinStandardHelpOptions = true, resourceBundle = GroupAttestationHelp.BUNDLE,
        description = {"Create (or replace) an enrollment group and print it, keys included.",
                "X.509 with --certificate-path (a signing CA certificate held in the group) or --ca-name (a CA certificate"
                        + " uploaded with `dpsrig dps certificate create`); otherwise symmetric keys, generated unless given."})
final class EnrollmentGroupCreateCommand implements Callable<Integer> {
    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private OutputOptions output;

    @Mixin
    private EnrollmentSettings settings;

    @Mixin
    private AttestationOptions attestation;

    @Option(names = "--enrollment-id", required = true, paramLabel = "ID", description = "The enrollment group id.")
    private String enrollmentId;

    @Override
    public Integer call() {
        EnrollmentGroup group = EnrollmentGroup.of(enrollmentId, attestation.forGroupCreate(), settings.toWire());
        try (ServiceApiClient client = connection.client()) {
            output.print(Attestations.withKeys(client, client.putGroup(group, Optional.empty())).toJson());
        }
        return 0;
    }
}
