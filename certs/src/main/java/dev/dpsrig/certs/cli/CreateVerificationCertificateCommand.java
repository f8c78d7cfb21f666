package dev.dpsrig.certs.cli;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.KeyEncryption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "create-verification-certificate", mixinStandardHelpOptions = true,
        description = {"Create a proof-of-possession certificate: CN = the verification code DPS gave for an uploaded CA,"
                + " signed by that CA's key.",
                "Writes certs/verification-code.cert.pem and private/verification-code.key.pem, replacing earlier ones."})
final class CreateVerificationCertificateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "CODE", description = "The verification code.")
    private String code;

    @Option(names = "--dir", defaultValue = ".", description = "Folder holding the CA (default: the current folder).")
    private Path dir;

    @Option(names = "--signer", defaultValue = "root", description = "root or intermediate: the CA being verified (default: ${DEFAULT-VALUE}).")
    private Signer signer;

    @Option(names = "--ca-passphrase", description = "Pass phrase of the CA's key, if it is encrypted.")
    private String caPassphrase;

    @Override
    public Integer call() {
        if (code.isBlank()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "the verification code is empty");
        }
        CaDirectory ca = new CaDirectory(dir);
        HeldCertificate issuer = ca.signer(signer, Optional.ofNullable(caPassphrase).map(String::toCharArray));
        HeldCertificate verification = HeldCertificate.builder()
                .commonName(code).validFor(Duration.ofDays(30)).signedBy(issuer)
                .build();
        OutputFiles files = new OutputFiles(spec.commandLine().getOut());
        files.privateKey(ca.privateKey(CaDirectory.VERIFICATION), verification.privateKey(), null, KeyEncryption.PKCS8);
        files.certificates(ca.certificate(CaDirectory.VERIFICATION), List.of(verification.certificate()));
        return 0;
    }
}
