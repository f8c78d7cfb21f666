import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Gives one file of an OCI image tarball the Linux file capability {@code cap_net_bind_service=+ep}, so
 * that the image's non-root user may bind ports below 1024 with it (image builders such as Jib write
 * no extended attributes).
 *
 * <p>The layer holding the file is rewritten with the PAX record {@code SCHILY.xattr.security.capability}
 * on the file's entry, which container runtimes and GNU tar restore as the {@code security.capability}
 * attribute; the layer's digest, size and diff id then change, and with them the config, the manifest
 * and the index that name them.
 *
 * <p>Usage: {@code java FileCapability.java IMAGE.tar PATH-IN-IMAGE}, e.g. {@code opt/dpsrig/jre/bin/java}.
 */
public final class FileCapability {
    /** The PAX record a file's capabilities travel in. */
    static final String XATTR_RECORD = "SCHILY.xattr.security.capability";

    private FileCapability() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java FileCapability.java IMAGE.tar PATH-IN-IMAGE");
            System.exit(2);
        }
        Path tarball = Path.of(args[0]);
        String file = args[1].replaceFirst("^/+", "");
        OciLayout image = OciLayout.read(tarball);
        image.replaceLayerOf(file, layer -> withCapability(layer, file));
        image.write(tarball);
        System.out.println("file capability cap_net_bind_service=+ep on /" + file + " in " + tarball);
    }

    /**
     * The {@code security.capability} value granting CAP_NET_BIND_SERVICE, permitted and effective:
     * {@code vfs_cap_data} revision 2, little-endian (magic with the effective flag, then permitted and
     * inheritable for capabilities 0-31, then for 32-63).
     */
    static String netBindServiceCapability() {
        int magicRevision2Effective = 0x02000001;
        int netBindService = 1 << 10;
        byte[] value = new byte[20];
        putLittleEndian(value, 0, magicRevision2Effective);
        putLittleEndian(value, 4, netBindService);
        // Every byte is below 0x80, so the PAX record's UTF-8 carries them unchanged.
        return new String(value, StandardCharsets.ISO_8859_1);
    }

    private static void putLittleEndian(byte[] target, int offset, int value) {
        for (int i = 0; i < 4; i++) {
            target[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    /** The gzipped layer {@code layer} again, with the capability record on {@code file}'s entry. */
    private static Blob withCapability(byte[] layer, String file) throws IOException {
        MessageDigest uncompressed = sha256();
        MessageDigest compressed = sha256();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(layer.length);
        try (TarArchiveInputStream in = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(layer)));
                TarArchiveOutputStream out = new TarArchiveOutputStream(new DigestOutputStream(
                        new GZIPOutputStream(new DigestOutputStream(bytes, compressed)), uncompressed))) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().equals(file)) {
                    entry.addPaxHeader(XATTR_RECORD, netBindServiceCapability());
                }
                out.putArchiveEntry(entry);
                in.transferTo(out);
                out.closeArchiveEntry();
            }
        }
        return new Blob(bytes.toByteArray(), digest(compressed), digest(uncompressed));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String digest(MessageDigest digest) {
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    /** Content with its digest, and for a layer the digest of its uncompressed tar (its diff id). */
    record Blob(byte[] content, String digest, String diffId) {
        static Blob of(byte[] content) {
            MessageDigest sha256 = sha256();
            sha256.update(content);
            return new Blob(content, FileCapability.digest(sha256), null);
        }
    }

    /** A layer rewritten. */
    interface LayerRewrite {
        Blob apply(byte[] layer) throws IOException;
    }

    /** An OCI image layout tarball with one image: its files, in order, held in memory. */
    record OciLayout(Map<String, TarArchiveEntry> entries, Map<String, byte[]> files) {
        static OciLayout read(Path tarball) throws IOException {
            Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
            Map<String, byte[]> files = new LinkedHashMap<>();
            try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tarball))) {
                for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    entries.put(entry.getName(), entry);
                    files.put(entry.getName(), in.readAllBytes());
                }
            }
            if (!files.containsKey("index.json")) {
                throw new IOException(tarball + " is not an OCI image layout: it has no index.json");
            }
            return new OciLayout(entries, files);
        }

        /** Replaces the one layer holding {@code file} by its rewrite, and updates what names it. */
        void replaceLayerOf(String file, LayerRewrite rewrite) throws IOException {
            JsonObject index = json("index.json");
            String manifestDigest = index.getJsonArray("manifests").getJsonObject(0).getString("digest");
            JsonObject manifest = json(blobPath(manifestDigest));
            String configDigest = manifest.getJsonObject("config").getString("digest");
            JsonObject config = json(blobPath(configDigest));
            List<JsonObject> layers = manifest.getJsonArray("layers").getValuesAs(JsonObject.class);
            for (int i = 0; i < layers.size(); i++) {
                byte[] layer = files.get(blobPath(layers.get(i).getString("digest")));
                if (holds(layer, file)) {
                    Blob rewritten = rewrite.apply(layer);
                    Blob newConfig = replaceBlob(configDigest, Json.createPointer("/rootfs/diff_ids/" + i)
                            .replace(config, Json.createValue(rewritten.diffId())));
                    putBlob(rewritten);
                    files.remove(blobPath(layers.get(i).getString("digest")));
                    JsonObject newManifest = withBlob(withBlob(manifest, "/layers/" + i, rewritten), "/config", newConfig);
                    Blob manifestBlob = replaceBlob(manifestDigest, newManifest);
                    replaceJson("index.json", withBlob(index, "/manifests/0", manifestBlob));
                    return;
                }
            }
            throw new IOException("no layer of the image holds /" + file);
        }

        void write(Path tarball) throws IOException {
            Path written = Files.createTempFile(tarball.toAbsolutePath().getParent(), "image", ".tar");
            try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(written))) {
                out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                for (Map.Entry<String, byte[]> file : files.entrySet()) {
                    TarArchiveEntry entry = entries.get(file.getKey());
                    entry.setSize(file.getValue().length);
                    out.putArchiveEntry(entry);
                    out.write(file.getValue());
                    out.closeArchiveEntry();
                }
            }
            Files.move(written, tarball, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }

        private static boolean holds(byte[] layer, String file) throws IOException {
            try (TarArchiveInputStream in = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(layer)))) {
                for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    if (entry.getName().equals(file)) {
                        return true;
                    }
                }
                return false;
            }
        }

        private static JsonObject withBlob(JsonObject document, String descriptor, Blob blob) {
            JsonStructure withDigest = Json.createPointer(descriptor + "/digest").replace(document, Json.createValue(blob.digest()));
            return (JsonObject) Json.createPointer(descriptor + "/size").replace(withDigest, Json.createValue(blob.content().length));
        }

        private Blob replaceBlob(String oldDigest, JsonValue document) {
            files.remove(blobPath(oldDigest));
            Blob blob = Blob.of(document.toString().getBytes(StandardCharsets.UTF_8));
            putBlob(blob);
            return blob;
        }

        private void putBlob(Blob blob) {
            String path = blobPath(blob.digest());
            TarArchiveEntry like = entries.values().stream().filter(e -> e.getName().startsWith("blobs/")).findFirst().orElseThrow();
            TarArchiveEntry entry = new TarArchiveEntry(path);
            entry.setMode(like.getMode());
            entry.setModTime(like.getModTime());
            entries.put(path, entry);
            files.put(path, blob.content());
        }

        private void replaceJson(String path, JsonObject document) {
            files.put(path, document.toString().getBytes(StandardCharsets.UTF_8));
        }

        private JsonObject json(String path) {
            try (var reader = Json.createReader(new StringReader(new String(files.get(path), StandardCharsets.UTF_8)))) {
                return reader.readObject();
            }
        }

        private static String blobPath(String digest) {
            return "blobs/" + digest.replace(':', '/');
        }
    }
}
