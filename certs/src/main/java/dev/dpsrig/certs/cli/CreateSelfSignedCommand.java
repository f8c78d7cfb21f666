package dev.dpsrig.certs.cli;

import dev.dpsrig.certs.Certificates;
import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.KeyEncryption;
import dev.dpsrig.certs.KeyType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "create-self-signed", mixinStandardHelpOptions = true,
        description = {"Create a self-signed device certificate, like the walkthrough's"
                + " `openssl req -x509 ... -addext extendedKeyUsage=clientAuth -subj /CN=my-x509-device`.",
                "Writes device-cert.pem and device-key.pem."})
final class CreateSelfSignedCommand implements Callable<Integer> {
    static final String CERTIFICATE_FILE = "device-cert.pem";
    static final String KEY_FILE = "device-key.pem";

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "CN", description = "The registration id.")
    private String commonName;

    @Option(names = "--dir", defaultValue = ".", description = "Folder to write into (default: the current folder).")
    private Path dir;

    @Option(names = "--passphrase", description = "Encrypt the key with this pass phrase (the walkthrough uses 1234).")
    private String passphrase;

    @Option(names = "--key-encryption", defaultValue = "PKCS8",
            description = "PKCS8 or LEGACY_PEM, for --passphrase (default: ${DEFAULT-VALUE}).")
    private KeyEncryption keyEncryption;

    @Option(names = "--key-type", defaultValue = "ec", converter = KeyTypeConverter.class,
            description = "ec (P-256), rsa2048 or rsa4096; the walkthrough uses rsa4096 (default: ${DEFAULT-VALUE}).")
    private KeyType keyType;

    @Option(names = "--days", defaultValue = "30", description = "Validity in days (default: ${DEFAULT-VALUE}, as in the walkthrough).")
    private int days;

    @Option(names = "--not-before", paramLabel = "DATE", description = "Start of validity (2025-01-31 or an instant).")
    private String notBefore;

    @Option(names = "--force", description = "Replace existing files.")
    private boolean force;

    @Override
    public Integer call() {
        Duration validity = Options.days(spec, days);
        Options.warnIfNotRegistrationId(spec, commonName);
        Path certificateFile = dir.resolve(CERTIFICATE_FILE);
        Path keyFile = dir.resolve(KEY_FILE);
        OutputFiles.checkWritable(List.of(certificateFile, keyFile), force);

        HeldCertificate device = Options.validity(spec,
                HeldCertificate.builder().commonName(commonName).keyType(keyType).clientAuth(),
                validity, notBefore).build();

        OutputFiles files = new OutputFiles(spec.commandLine().getOut());
        files.privateKey(keyFile, device.privateKey(), passphrase, keyEncryption);
        files.certificates(certificateFile, List.of(device.certificate()));
        spec.commandLine().getOut().println(commonName + " SHA-1 thumbprint " + Certificates.sha1Thumbprint(device.certificate()));
        return 0;
    }
}
