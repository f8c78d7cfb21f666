package dev.dpsrig.certs;

import dev.dpsrig.certs.internal.PemCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and writes identity material in the files users' tools produce: PEM certificates and
 * chains (leaf first), PKCS#8 keys plain or encrypted in either openssl form, PKCS#12/PFX, DER.
 *
 * <p>Every failure is an {@link IdentityException} naming the file and the reason. Writes are
 * atomic (a temporary file renamed into place), so a crash never leaves half a key behind, and
 * private keys are created readable by their owner only.
 */
public final class IdentityFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private IdentityFiles() {
    }

    /** All certificates in a PEM file (in file order) or a DER file. */
    public static List<X509Certificate> readCertificates(Path file) {
        return PemCodec.readCertificates(read(file), file);
    }

    /** An unencrypted private key (PKCS#8 or traditional PEM, or PKCS#8 DER). */
    public static PrivateKey readPrivateKey(Path file) {
        return PemCodec.readPrivateKey(read(file), file, Optional.empty());
    }

    /** A private key that may be encrypted with this pass phrase (ignored for a plain key). */
    public static PrivateKey readPrivateKey(Path file, char[] passphrase) {
        return PemCodec.readPrivateKey(read(file), file, Optional.of(passphrase));
    }

    /**
     * A certificate (or chain, leaf first) and its key from two files, checking that they belong together.
     * The key file may also be the certificate file, as with a combined PEM.
     */
    public static HeldCertificate readHeldCertificate(Path certificateFile, Path keyFile, Optional<char[]> passphrase) {
        List<X509Certificate> chain = readCertificates(certificateFile);
        PrivateKey key = PemCodec.readPrivateKey(read(keyFile), keyFile, passphrase);
        if (!Certificates.keyMatches(chain.getFirst(), key)) {
            throw new IdentityException(keyFile, "private key does not match the certificate in " + certificateFile
                    + " (" + Certificates.describe(chain.getFirst()) + ")");
        }
        return HeldCertificate.of(chain, key);
    }

    /** The key entry of a PKCS#12/PFX file with its certificate chain. */
    public static HeldCertificate readPkcs12(Path file, char[] password) {
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(read(file)), password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new IdentityException(file, "wrong password for the PKCS#12 file", e);
            }
            throw new IdentityException(file, "not a PKCS#12/PFX file (" + e.getMessage() + ")", e);
        } catch (GeneralSecurityException e) {
            throw new IdentityException(file, "unreadable PKCS#12/PFX file (" + e.getMessage() + ")", e);
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                Key key = store.getKey(alias, password);
                Certificate[] chain = store.getCertificateChain(alias);
                if (key instanceof PrivateKey privateKey && chain != null && chain.length > 0) {
                    List<X509Certificate> certificates = new ArrayList<>();
                    for (Certificate certificate : chain) {
                        certificates.add((X509Certificate) certificate);
                    }
                    return HeldCertificate.of(certificates, privateKey);
                }
            }
        } catch (UnrecoverableKeyException e) {
            throw new IdentityException(file, "wrong password for the private key in the PKCS#12 file", e);
        } catch (GeneralSecurityException e) {
            throw new IdentityException(file, "unreadable key entry (" + e.getMessage() + ")", e);
        }
        throw new IdentityException(file, "PKCS#12 file holds no private key with a certificate");
    }

    /** PEM certificates in the given order (leaf first for a chain). */
    public static void writeCertificates(Path file, List<X509Certificate> certificates) {
        writeAtomically(file, PemCodec.certificatesToPem(certificates).getBytes(StandardCharsets.US_ASCII), WORLD_READABLE);
    }

    /** A certificate as DER ({@code .cer}/{@code .der}). */
    public static void writeDer(Path file, X509Certificate certificate) {
        try {
            writeAtomically(file, certificate.getEncoded(), WORLD_READABLE);
        } catch (GeneralSecurityException e) {
            throw new IdentityException(file, "cannot encode certificate", e);
        }
    }

    /** An unencrypted PKCS#8 PEM key, readable by its owner only. */
    public static void writePrivateKey(Path file, PrivateKey key) {
        writeAtomically(file, PemCodec.privateKeyToPem(key, Optional.empty(), KeyEncryption.PKCS8)
                .getBytes(StandardCharsets.US_ASCII), OWNER_ONLY);
    }

    /** A PEM key encrypted with a pass phrase in the given openssl form, readable by its owner only. */
    public static void writePrivateKey(Path file, PrivateKey key, char[] passphrase, KeyEncryption form) {
        writeAtomically(file, PemCodec.privateKeyToPem(key, Optional.of(passphrase), form)
                .getBytes(StandardCharsets.US_ASCII), OWNER_ONLY);
    }

    /**
     * A PKCS#12/PFX file with the key and full chain, protected by {@code password} with the JDK's
     * defaults (AES-256, PBKDF2, HMAC-SHA256), which openssl 3, .NET and the Azure SDKs read.
     */
    public static void writePkcs12(Path file, HeldCertificate held, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            String alias = held.commonName().isEmpty() ? "identity" : held.commonName();
            store.setKeyEntry(alias, held.privateKey(), password, held.fullChain().toArray(Certificate[]::new));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password);
            writeAtomically(file, out.toByteArray(), OWNER_ONLY);
        } catch (IOException | GeneralSecurityException e) {
            throw new IdentityException(file, "cannot write PKCS#12 file (" + e.getMessage() + ")", e);
        }
    }

    /** The bytes of a file, or an {@link IdentityException} saying why they cannot be had. */
    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IdentityException(file, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new IdentityException(file, "permission denied", e);
        } catch (IOException e) {
            throw new IdentityException(file, Files.isDirectory(file) ? "is a directory, not a file"
                    : "cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static void writeAtomically(Path file, byte[] content, Set<PosixFilePermission> permissions) {
        Path target = file.toAbsolutePath();
        Path directory = target.getParent();
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = supportsPosix(directory)
                    ? Files.createTempFile(directory, "." + target.getFileName(), ".tmp",
                            PosixFilePermissions.asFileAttribute(permissions))
                    : Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
            // Forced before and after the rename: a power cut leaves the old file or the whole new one, never an empty key.
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (supportsPosix(directory)) {
                try (FileChannel folder = FileChannel.open(directory, StandardOpenOption.READ)) {
                    folder.force(true);
                }
            }
        } catch (IOException e) {
            throw new IdentityException(file, "cannot write (" + e.getMessage() + ")", e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // The rename either happened or the write already failed with a clearer message.
                }
            }
        }
    }

    private static boolean supportsPosix(Path directory) {
        return directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
