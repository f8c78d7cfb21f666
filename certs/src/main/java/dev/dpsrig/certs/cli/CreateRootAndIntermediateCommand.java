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
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "create-root-and-intermediate", mixinStandardHelpOptions = true,
        description = {"Create a test root CA and an intermediate CA signed by it.",
                "Writes certs/azure-iot-test-only.{root.ca,intermediate}.cert.pem, their keys under private/,"
                        + " and certs/azure-iot-test-only.chain.ca.cert.pem (intermediate then root)."})
final class CreateRootAndIntermediateCommand implements Callable<Integer> {
    static final String ROOT_CN = "Azure IoT Hub CA Cert Test Only";
    static final String INTERMEDIATE_CN = "Azure IoT Hub Intermediate Cert Test Only";

    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", defaultValue = ".", description = "Folder to write into (default: the current folder).")
    private Path dir;

    @Option(names = "--key-type", defaultValue = "ec", converter = KeyTypeConverter.class,
            description = "ec (P-256), rsa2048 or rsa4096 (default: ${DEFAULT-VALUE}).")
    private KeyType keyType;

    @Option(names = "--days", defaultValue = "365", description = "Validity in days (default: ${DEFAULT-VALUE}).")
    private int days;

    @Option(names = "--passphrase", description = "Encrypt both CA keys with this pass phrase.")
    private String passphrase;

    @Option(names = "--force", description = "Replace an existing root and intermediate.")
    private boolean force;

    @Override
    public Integer call() {
        Duration validity = Options.days(spec, days);
        CaDirectory ca = new CaDirectory(dir);
        OutputFiles.checkWritable(List.of(
                ca.certificate(CaDirectory.ROOT), ca.privateKey(CaDirectory.ROOT),
                ca.certificate(CaDirectory.INTERMEDIATE), ca.privateKey(CaDirectory.INTERMEDIATE), ca.caChain()), force);

        HeldCertificate root = HeldCertificate.builder()
                .commonName(ROOT_CN).keyType(keyType).validFor(validity).certificateAuthority()
                .build();
        HeldCertificate intermediate = HeldCertificate.builder()
                .commonName(INTERMEDIATE_CN).keyType(keyType).validFor(validity).certificateAuthority(0)
                .signedBy(root)
                .build();

        OutputFiles files = new OutputFiles(spec.commandLine().getOut());
        files.privateKey(ca.privateKey(CaDirectory.ROOT), root.privateKey(), passphrase, KeyEncryption.PKCS8);
        files.certificates(ca.certificate(CaDirectory.ROOT), List.of(root.certificate()));
        files.privateKey(ca.privateKey(CaDirectory.INTERMEDIATE), intermediate.privateKey(), passphrase, KeyEncryption.PKCS8);
        files.certificates(ca.certificate(CaDirectory.INTERMEDIATE), List.of(intermediate.certificate()));
        files.certificates(ca.caChain(), intermediate.fullChain());
        spec.commandLine().getOut().println("root CA SHA-1 thumbprint " + Certificates.sha1Thumbprint(root.certificate()));
        return 0;
    }
}
