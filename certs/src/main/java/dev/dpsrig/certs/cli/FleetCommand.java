package dev.dpsrig.certs.cli;

import dev.dpsrig.certs.FleetIdentities;
import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.KeyType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = {"Issue (or reuse) a fleet of device identities signed by the intermediate CA, reproducibly from a seed.",
                "Each device gets DIR/fleets/fleet-<digest>/<id>.cert.pem (full chain) and <id>.key.pem;"
                        + " running again with the same inputs reuses them."})
final class FleetCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", defaultValue = ".", description = "Folder holding the CA (default: the current folder).")
    private Path dir;

    @Option(names = "--count", required = true, description = "How many devices.")
    private int count;

    @Option(names = "--pattern", defaultValue = "device-%05d", description = "Registration id pattern (default: ${DEFAULT-VALUE}).")
    private String pattern;

    @Option(names = "--seed", defaultValue = "dpsrig", description = "Seed for keys and serial numbers (default: ${DEFAULT-VALUE}).")
    private String seed;

    @Option(names = "--key-type", defaultValue = "ec", converter = KeyTypeConverter.class,
            description = "ec (P-256), rsa2048 or rsa4096 (default: ${DEFAULT-VALUE}).")
    private KeyType keyType;

    @Option(names = "--signer", defaultValue = "intermediate", description = "root or intermediate (default: ${DEFAULT-VALUE}).")
    private Signer signer;

    @Option(names = "--ca-passphrase", description = "Pass phrase of the signing CA's key, if it is encrypted.")
    private String caPassphrase;

    @Override
    public Integer call() {
        if (count < 1) {
            throw new ParameterException(spec.commandLine(), "--count must be at least 1, not " + count);
        }
        FleetIdentities fleet;
        try {
            fleet = FleetIdentities.builder()
                    .seed(seed).idPattern(pattern).keyType(keyType)
                    .issuer(new CaDirectory(dir).signer(signer, Optional.ofNullable(caPassphrase).map(String::toCharArray)))
                    .cacheDirectory(dir.resolve("fleets"))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        HeldCertificate last = null;
        for (int i = 0; i < count; i++) {
            last = fleet.identity(i);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        out.println(count + " device identities (" + fleet.registrationId(0) + " .. " + last.commonName() + ") in "
                + fleet.directory().orElseThrow() + " (" + millis + " ms)");
        return 0;
    }
}
