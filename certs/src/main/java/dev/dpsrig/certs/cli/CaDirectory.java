package dev.dpsrig.certs.cli;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.IdentityException;
import dev.dpsrig.certs.IdentityFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The file layout of the Azure IoT sample script {@code certGen.sh}, which the DPS walkthroughs
 * link to. Keeping the same names means every table and command in those walkthroughs works on
 * what {@code dpsrig certs} writes.
 */
record CaDirectory(Path root) {
    static final String ROOT = "azure-iot-test-only.root.ca";
    static final String INTERMEDIATE = "azure-iot-test-only.intermediate";
    static final String VERIFICATION = "verification-code";

    /** The names of the CA's own files, which a device or verification certificate must never take. */
    static boolean isReserved(String name) {
        return name.equals(ROOT) || name.equals(INTERMEDIATE) || name.equals(VERIFICATION)
                || name.equals("azure-iot-test-only.chain.ca");
    }

    Path certificate(String name) {
        return root.resolve("certs").resolve(name + ".cert.pem").normalize();
    }

    Path fullChain(String name) {
        return root.resolve("certs").resolve(name + "-full-chain.cert.pem").normalize();
    }

    /** Intermediate then root, as the script's {@code azure-iot-test-only.chain.ca.cert.pem}. */
    Path caChain() {
        return root.resolve("certs").resolve("azure-iot-test-only.chain.ca.cert.pem").normalize();
    }

    Path privateKey(String name) {
        return root.resolve("private").resolve(name + ".key.pem").normalize();
    }

    /**
     * The CA that signs new certificates, with its chain up to the root so that full-chain files
     * come out complete.
     */
    HeldCertificate signer(Signer signer, Optional<char[]> passphrase) {
        Path certificate = certificate(signer.fileName);
        if (!Files.exists(certificate)) {
            throw new IdentityException(certificate,
                    "no such file; create the CA first with: dpsrig certs create-root-and-intermediate --dir " + root);
        }
        List<X509Certificate> chain = new ArrayList<>(IdentityFiles.readCertificates(certificate));
        if (signer == Signer.intermediate) {
            chain.addAll(IdentityFiles.readCertificates(certificate(ROOT)));
        }
        HeldCertificate held = IdentityFiles.readHeldCertificate(certificate, privateKey(signer.fileName), passphrase);
        return HeldCertificate.of(chain, held.privateKey());
    }
}
