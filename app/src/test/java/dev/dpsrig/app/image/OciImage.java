package dev.dpsrig.app.image;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The container image the build writes, read from its OCI image layout tarball: the index, the one
 * image's manifest and config, and its layers (gzipped tars), each found by digest as a registry would,
 * and the file system they make.
 *
 * @param blobs every file of the tarball by its path in it
 * @param files every path (no leading slash) of the layers, stacked: the topmost layer's entry wins
 */
record OciImage(Map<String, byte[]> blobs, Map<String, LayerFile> files) {
    /** Where the build passes the tarball's path, whether it was built at all, and the name in it. */
    static final String TARBALL_PROPERTY = "dpsrig.image.tarball";
    static final String SKIP_PROPERTY = "dpsrig.image.skip";
    static final String NAME_PROPERTY = "dpsrig.image.name";
    /** Files up to this size keep their content in {@link LayerFile}; the runtime's large ones are not read. */
    private static final long KEPT_CONTENT = 64 * 1024;

    /** A path in a layer: its tar entry (mode, owner, PAX records) and, when small, its content. */
    record LayerFile(TarArchiveEntry entry, byte[] content) {
        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    static OciImage read(Path tarball) throws IOException {
        Map<String, byte[]> blobs = new HashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tarball))) {
            for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                blobs.put(entry.getName(), in.readAllBytes());
            }
        }
        OciImage layout = new OciImage(blobs, Map.of());
        Map<String, LayerFile> files = new LinkedHashMap<>();
        for (byte[] layer : layout.layers()) {
            try (TarArchiveInputStream in = new TarArchiveInputStream(ungzip(layer))) {
                for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    byte[] content = entry.getSize() <= KEPT_CONTENT ? in.readAllBytes() : new byte[0];
                    files.put(entry.getName(), new LayerFile(entry, content));
                }
            }
        }
        return new OciImage(blobs, files);
    }

    JsonObject index() {
        return json("index.json");
    }

    JsonObject manifest() {
        return json(blobPath(index().getJsonArray("manifests").getJsonObject(0).getString("digest")));
    }

    JsonObject config() {
        return json(blobPath(manifest().getJsonObject("config").getString("digest")));
    }

    /** The layers' gzipped tars, bottom first, as the manifest lists them. */
    List<byte[]> layers() {
        return manifest().getJsonArray("layers").getValuesAs(JsonObject.class).stream()
                .map(layer -> blob(layer.getString("digest")))
                .toList();
    }

    /** The file at {@code path} (no leading slash), as the topmost layer holding it has it. */
    Optional<LayerFile> file(String path) {
        return Optional.ofNullable(files.get(path));
    }

    byte[] blob(String digest) {
        byte[] blob = blobs.get(blobPath(digest));
        if (blob == null) {
            throw new IllegalStateException("the image names blob " + digest + ", which its tarball lacks");
        }
        return blob;
    }

    static InputStream ungzip(byte[] layer) throws IOException {
        return new GZIPInputStream(new ByteArrayInputStream(layer));
    }

    private JsonObject json(String path) {
        try (JsonReader reader = Json.createReader(new StringReader(new String(blobs.get(path), StandardCharsets.UTF_8)))) {
            return reader.readObject();
        }
    }

    private static String blobPath(String digest) {
        return "blobs/" + digest.replace(':', '/');
    }
}
