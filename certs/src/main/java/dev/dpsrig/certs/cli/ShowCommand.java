package dev.dpsrig.certs.cli;

import dev.dpsrig.certs.CertificateDetails;
import dev.dpsrig.certs.Certificates;
import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.IdentityException;
import dev.dpsrig.certs.IdentityFiles;
import dev.dpsrig.certs.KeyType;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show what a certificate, chain, key or PFX file holds: names, DPS thumbprints, validity, key type,"
                + " usages, chain order, and whether the key matches.")
final class ShowCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "PEM or DER certificate(s), PEM key, or PKCS#12/PFX file.")
    private Path file;

    @Option(names = "--password", description = "Password of a PFX file.")
    private String password;

    @Option(names = "--passphrase", description = "Pass phrase of an encrypted key.")
    private String passphrase;

    @Option(names = "--key", paramLabel = "FILE", description = "Also check that this private key matches the certificate.")
    private Path keyFile;

    private final Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        byte[] content = IdentityFiles.read(file);
        String text = new String(content, StandardCharsets.US_ASCII);
        Optional<char[]> secret = Optional.ofNullable(passphrase).map(String::toCharArray);

        List<X509Certificate> chain;
        Optional<PrivateKey> key = Optional.empty();
        if (text.contains("-----BEGIN ")) {
            chain = text.contains("CERTIFICATE-----") ? IdentityFiles.readCertificates(file) : List.of();
            if (text.contains("PRIVATE KEY-----")) {
                if (text.contains("ENCRYPTED") && secret.isEmpty()) {
                    out.println("private key: encrypted (give --passphrase to read it)");
                } else {
                    key = Optional.of(secret.isPresent()
                            ? IdentityFiles.readPrivateKey(file, secret.get())
                            : IdentityFiles.readPrivateKey(file));
                }
            }
        } else if (password != null || isPfxName(file)) {
            if (password == null) {
                throw new IdentityException(file, "looks like a PKCS#12/PFX file; give its --password");
            }
            HeldCertificate held = IdentityFiles.readPkcs12(file, password.toCharArray());
            chain = held.fullChain();
            key = Optional.of(held.privateKey());
        } else {
            chain = IdentityFiles.readCertificates(file);
        }
        if (keyFile != null) {
            key = Optional.of(secret.isPresent()
                    ? IdentityFiles.readPrivateKey(keyFile, secret.get())
                    : IdentityFiles.readPrivateKey(keyFile));
        }

        if (chain.isEmpty() && key.isEmpty() && !text.contains("ENCRYPTED")) {
            throw new IdentityException(file, "no certificate or private key in file");
        }
        for (int i = 0; i < chain.size(); i++) {
            print(out, i, CertificateDetails.of(chain.get(i)));
        }
        if (chain.size() > 1) {
            out.println("chain order: " + chainOrder(chain));
        }
        key.ifPresent(k -> out.println("private key: " + KeyType.describe(k)
                + (chain.isEmpty() ? "" : Certificates.keyMatches(chain.getFirst(), k)
                        ? ", matches certificate [0]" : ", does NOT match certificate [0]")));
        return 0;
    }

    private void print(PrintWriter out, int index, CertificateDetails details) {
        out.println("[" + index + "] " + details.subject());
        out.println("    issuer:       " + details.issuer() + (details.selfSigned() ? " (self-signed)" : ""));
        details.commonName().ifPresent(cn -> out.println("    common name:  " + cn));
        out.println("    serial:       " + details.serialNumber());
        out.println("    SHA-1:        " + details.sha1Thumbprint());
        out.println("    SHA-256:      " + details.sha256Thumbprint());
        out.println("    valid:        " + details.notBefore() + " to " + details.notAfter() + " (" + validity(details) + ")");
        out.println("    key:          " + details.keyType());
        out.println("    CA:           " + (details.certificateAuthority()
                ? "yes" + details.pathLength().map(n -> ", pathlen " + n).orElse("")
                : "no"));
        out.println("    key usage:    " + (details.extendedKeyUsages().isEmpty()
                ? "any (no extended key usage)" : String.join(", ", details.extendedKeyUsages())));
        if (!details.subjectAlternativeNames().isEmpty()) {
            out.println("    alt names:    " + String.join(", ", details.subjectAlternativeNames()));
        }
    }

    private String validity(CertificateDetails details) {
        Instant now = clock.instant();
        if (now.isAfter(details.notAfter())) {
            return "EXPIRED " + days(Duration.between(details.notAfter(), now)) + " ago";
        }
        if (now.isBefore(details.notBefore())) {
            return "NOT YET VALID, starts in " + days(Duration.between(now, details.notBefore()));
        }
        return "valid, " + days(Duration.between(now, details.notAfter())) + " left";
    }

    private static String days(Duration duration) {
        long days = duration.toDays();
        return days >= 1 ? days + (days == 1 ? " day" : " days") : duration.toHours() + " hours";
    }

    private static String chainOrder(List<X509Certificate> chain) {
        for (int i = 0; i + 1 < chain.size(); i++) {
            if (!Certificates.isSignedBy(chain.get(i), chain.get(i + 1))) {
                return "[" + (i + 1) + "] did not sign [" + i + "]; devices must present the leaf first, then each issuer";
            }
        }
        return "leaf first, each certificate signed by the next";
    }

    private static boolean isPfxName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".pfx") || name.endsWith(".p12");
    }
}
