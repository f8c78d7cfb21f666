package dev.dpsrig.simulator.server;

import dev.dpsrig.certs.CertificateDetails;
import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.IdentityFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The simulator's own TLS identity: a development root CA, made once and kept, and a server
 * certificate it signs for {@code localhost}, {@code 127.0.0.1}, {@code ::1} and any extra names
 * (so a board with a hard-coded Azure host name can be pointed at the rig). The server
 * certificate is re-issued when a name is missing or it nears expiry; the root never changes,
 * so clients configured to trust it keep working.
 */
public record DevelopmentTls(HeldCertificate root, HeldCertificate server, Path rootCertificateFile) {
    static final List<String> DEFAULT_NAMES = List.of("localhost", "127.0.0.1", "::1");
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);

    /** Loads what {@code directory} holds, creating or renewing what is missing. */
    public static DevelopmentTls loadOrCreate(Path directory, List<String> extraNames) {
        Set<String> names = new LinkedHashSet<>(DEFAULT_NAMES);
        names.addAll(extraNames);
        Path rootCertificate = directory.resolve("dev-root-ca.cert.pem");
        Path rootKey = directory.resolve("dev-root-ca.key.pem");
        Path serverCertificate = directory.resolve("server.cert.pem");
        Path serverKey = directory.resolve("server.key.pem");

        HeldCertificate root;
        if (Files.exists(rootCertificate) && Files.exists(rootKey)) {
            root = IdentityFiles.readHeldCertificate(rootCertificate, rootKey, Optional.empty());
        } else {
            root = HeldCertificate.builder().commonName("dpsrig development root CA")
                    .certificateAuthority(0).validFor(Duration.ofDays(3650)).build();
            IdentityFiles.writePrivateKey(rootKey, root.privateKey());
            IdentityFiles.writeCertificates(rootCertificate, List.of(root.certificate()));
        }
        Optional<HeldCertificate> existing = Files.exists(serverCertificate) && Files.exists(serverKey)
                ? Optional.of(IdentityFiles.readHeldCertificate(serverCertificate, serverKey, Optional.empty()))
                : Optional.empty();
        HeldCertificate server = existing.filter(s -> covers(s, names) && signedBy(s, root)).orElseGet(() -> {
            HeldCertificate issued = issueServer(root, names);
            IdentityFiles.writePrivateKey(serverKey, issued.privateKey());
            IdentityFiles.writeCertificates(serverCertificate, issued.fullChain());
            return issued;
        });
        return new DevelopmentTls(root, server, rootCertificate.toAbsolutePath());
    }

    private static HeldCertificate issueServer(HeldCertificate root, Set<String> names) {
        HeldCertificate.Builder builder = HeldCertificate.builder().commonName("localhost").serverAuth()
                .validFor(Duration.ofDays(397)).signedBy(root);
        names.forEach(builder::subjectAlternativeName);
        return builder.build();
    }

    private static boolean covers(HeldCertificate server, Set<String> names) {
        CertificateDetails details = CertificateDetails.of(server.certificate());
        if (details.notAfter().isBefore(Instant.now().plus(RENEW_BEFORE))) {
            return false;
        }
        List<String> present = details.subjectAlternativeNames();
        return names.stream().allMatch(name -> present.contains("DNS:" + name)
                || present.contains("IP:" + name)
                || (name.equals("::1") && present.contains("IP:0:0:0:0:0:0:0:1")));
    }

    private static boolean signedBy(HeldCertificate server, HeldCertificate root) {
        return dev.dpsrig.certs.Certificates.isSignedBy(server.certificate(), root.certificate());
    }
}
