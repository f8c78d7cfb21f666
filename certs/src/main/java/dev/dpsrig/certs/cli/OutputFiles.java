package dev.dpsrig.certs.cli;

import dev.dpsrig.certs.IdentityException;
import dev.dpsrig.certs.IdentityFiles;
import dev.dpsrig.certs.KeyEncryption;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Where the commands write: refuses to replace identity material that already exists unless the
 * user asked for it, and reports every file it wrote.
 */
final class OutputFiles {
    private final PrintWriter out;

    OutputFiles(PrintWriter out) {
        this.out = out;
    }

    static void checkWritable(List<Path> files, boolean force) {
        if (force) {
            return;
        }
        for (Path file : files) {
            if (Files.exists(file)) {
                throw new IdentityException(file, "already exists; pass --force to replace it");
            }
        }
    }

    void certificates(Path file, List<X509Certificate> certificates) {
        IdentityFiles.writeCertificates(file, certificates);
        out.println("wrote " + file);
    }

    /** @param passphrase encrypts the key when not null */
    void privateKey(Path file, PrivateKey key, String passphrase, KeyEncryption form) {
        if (passphrase == null) {
            IdentityFiles.writePrivateKey(file, key);
        } else {
            IdentityFiles.writePrivateKey(file, key, passphrase.toCharArray(), form);
        }
        out.println("wrote " + file + (passphrase == null ? "" : " (encrypted, " + describe(form) + ")"));
    }

    private static String describe(KeyEncryption form) {
        return form == KeyEncryption.PKCS8 ? "PKCS#8" : "legacy PEM";
    }
}
