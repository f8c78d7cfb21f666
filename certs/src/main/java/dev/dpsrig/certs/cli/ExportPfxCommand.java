package dev.dpsrig.certs.cli;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.IdentityFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "export-pfx", mixinStandardHelpOptions = true,
        description = "Bundle a certificate (or full chain, leaf first) and its key into a password-protected PKCS#12/PFX file.")
final class ExportPfxCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--cert", required = true, paramLabel = "FILE", description = "PEM certificate or chain, leaf first.")
    private Path certificate;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The certificate's private key.")
    private Path key;

    @Option(names = "--passphrase", description = "Pass phrase of the key, if it is encrypted.")
    private String passphrase;

    @Option(names = "--password", required = true, description = "Password for the PFX file.")
    private String password;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The PFX file to write.")
    private Path out;

    @Option(names = "--force", description = "Replace an existing PFX file.")
    private boolean force;

    @Override
    public Integer call() {
        OutputFiles.checkWritable(List.of(out), force);
        HeldCertificate held = IdentityFiles.readHeldCertificate(certificate, key,
                Optional.ofNullable(passphrase).map(String::toCharArray));
        IdentityFiles.writePkcs12(out, held, password.toCharArray());
        spec.commandLine().getOut().println("wrote " + out + " (" + held.fullChain().size() + " certificate(s) and the key of "
                + held.commonName() + ")");
        return 0;
    }
}
