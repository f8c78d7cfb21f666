package dev.dpsrig.certs.cli;

import dev.dpsrig.certs.Certificates;
import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.KeyEncryption;
import dev.dpsrig.certs.KeyType;
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

@Command(name = "create-device-certificate", mixinStandardHelpOptions = true,
        description = {"Create a device certificate (CN = NAME, the registration id; clientAuth) signed by the intermediate CA.",
                "Writes certs/NAME.cert.pem, certs/NAME-full-chain.cert.pem (device, intermediate, root) and private/NAME.key.pem."})
final class CreateDeviceCertificateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The device's registration id, used as the certificate CN and the file name.")
    private String name;

    @Option(names = "--dir", defaultValue = ".", description = "Folder holding the CA (default: the current folder).")
    private Path dir;

    @Option(names = "--signer", defaultValue = "intermediate", description = "root or intermediate (default: ${DEFAULT-VALUE}).")
    private Signer signer;

    @Option(names = "--key-type", defaultValue = "ec", converter = KeyTypeConverter.class,
            description = "ec (P-256), rsa2048 or rsa4096 (default: ${DEFAULT-VALUE}).")
    private KeyType keyType;

    @Option(names = "--days", defaultValue = "365", description = "Validity in days (default: ${DEFAULT-VALUE}).")
    private int days;

    @Option(names = "--not-before", paramLabel = "DATE",
            description = "Start of validity (2025-01-31 or an instant); a past date with few --days makes an expired certificate.")
    private String notBefore;

    @Option(names = "--passphrase", description = "Encrypt the device key with this pass phrase.")
    private String passphrase;

    @Option(names = "--key-encryption", defaultValue = "PKCS8",
            description = "PKCS8 or LEGACY_PEM, for --passphrase (default: ${DEFAULT-VALUE}).")
    private KeyEncryption keyEncryption;

    @Option(names = "--ca-passphrase", description = "Pass phrase of the signing CA's key, if it is encrypted.")
    private String caPassphrase;

    @Option(names = "--force", description = "Replace an existing certificate and key of that name.")
    private boolean force;

    @Override
    public Integer call() {
        Duration validity = Options.days(spec, days);
        Options.checkDeviceName(spec, name);
        Options.warnIfNotRegistrationId(spec, name);
        CaDirectory ca = new CaDirectory(dir);
        OutputFiles.checkWritable(List.of(ca.certificate(name), ca.fullChain(name), ca.privateKey(name)), force);

        HeldCertificate issuer = ca.signer(signer, Optional.ofNullable(caPassphrase).map(String::toCharArray));
        HeldCertificate device = Options.validity(spec,
                HeldCertificate.builder().commonName(name).keyType(keyType).clientAuth().signedBy(issuer),
                validity, notBefore).build();

        OutputFiles files = new OutputFiles(spec.commandLine().getOut());
        files.privateKey(ca.privateKey(name), device.privateKey(), passphrase, keyEncryption);
        files.certificates(ca.certificate(name), List.of(device.certificate()));
        files.certificates(ca.fullChain(name), device.fullChain());
        spec.commandLine().getOut().println(name + " SHA-1 thumbprint " + Certificates.sha1Thumbprint(device.certificate()));
        return 0;
    }
}
