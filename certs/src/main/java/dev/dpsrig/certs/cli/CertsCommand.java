package dev.dpsrig.certs.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dpsrig certs}: make and inspect test identities, with the file names the DPS walkthroughs use. */
@Command(
        name = "certs",
        mixinStandardHelpOptions = true,
        description = "Create and inspect X.509 test identities (CA chains, device, self-signed and verification certificates, PFX).",
        subcommands = {
                CreateRootAndIntermediateCommand.class,
                CreateDeviceCertificateCommand.class,
                CreateVerificationCertificateCommand.class,
                CreateSelfSignedCommand.class,
                ExportPfxCommand.class,
                ShowCommand.class,
                FleetCommand.class,
                BenchmarkCommand.class
        })
public final class CertsCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
