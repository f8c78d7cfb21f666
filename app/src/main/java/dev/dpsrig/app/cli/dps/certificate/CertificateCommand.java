package dev.dpsrig.app.cli.dps.certificate;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code dpsrig dps certificate}: CA certificates with proof of possession, like
 * {@code az iot dps certificate}. Azure keeps them in the management plane; the simulator
 * serves the same operations next to the service API.
 */
@Command(name = "certificate", mixinStandardHelpOptions = true,
        description = "Manage CA certificates: upload, prove possession of the key with a verification code, list, delete.",
        subcommands = {
                CertificateCreateCommand.class,
                CertificateListCommand.class,
                CertificateShowCommand.class,
                CertificateDeleteCommand.class,
                CertificateGenerateVerificationCodeCommand.class,
                CertificateVerifyCommand.class
        })
public final class CertificateCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
