package dev.dpsrig.simulator.store;

import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonWriter;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One JSON file per document under {@code root/kind/}, written to a temporary file and renamed
 * into place, so a reader (or a restart after a crash) sees the old document or the new one,
 * never half of one. Ids are URL-encoded into file names.
 *
 * <p>A change is durable when {@link #put} or {@link #delete} returns, against a power cut as well as
 * a crash (see {@link DurableFiles}): the temporary file is forced before the rename, and the folder
 * after it, one folder force shared by the writers that were waiting for it. A temporary file left
 * by a process killed mid-write ({@code .write-<digits>.tmp}, possibly empty) never held an
 * acknowledged document; opening the store removes them from its folders.
 */
public final class FileStateStore implements StateStore {
    private static final Logger LOG = Logger.getLogger(FileStateStore.class.getName());
    private static final String SUFFIX = ".json";
    private static final String TEMPORARY_PREFIX = ".write-";
    private static final String TEMPORARY_SUFFIX = ".tmp";
    /** The names {@link Files#createTempFile} gives this store's temporary files, and only those. */
    private static final Pattern TEMPORARY = Pattern.compile("\\.write-[0-9]+\\.tmp");

    private final Path root;
    private final Map<Path, DurableFiles.DirectorySync> folders = new ConcurrentHashMap<>();

    /** Opens the store, removing the temporary files a killed process left in its folders. */
    public FileStateStore(Path root) {
        this.root = root;
        removeStrayTemporaryFiles();
    }

    private void removeStrayTemporaryFiles() {
        if (!Files.isDirectory(root)) {
            return;
        }
        List<Path> stray;
        try (Stream<Path> files = Files.walk(root)) {
            stray = files.filter(file -> TEMPORARY.matcher(file.getFileName().toString()).matches())
                    .filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root, e);
        }
        try {
            for (Path file : stray) {
                Files.deleteIfExists(file);
            }
            for (Path folder : stray.stream().map(Path::getParent).distinct().toList()) {
                DurableFiles.forceDirectory(folder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove temporary files left in " + root, e);
        }
        if (!stray.isEmpty()) {
            LOG.info(() -> "removed " + stray.size() + " temporary file(s) left in " + root + " by a process that stopped mid-write");
        }
    }

    @Override
    public void put(String kind, String id, Supplier<JsonObject> document) {
        Path file = file(kind, id);
        try {
            DurableFiles.DirectorySync folder = folder(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), TEMPORARY_PREFIX, TEMPORARY_SUFFIX);
            try {
                StringWriter text = new StringWriter();
                try (JsonWriter writer = Jsonp.createWriter(text)) {
                    writer.writeObject(document.get());
                }
                DurableFiles.writeAndForce(temporary, text.toString().getBytes(StandardCharsets.UTF_8));
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temporary);
            }
            folder.changed();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store " + kind + " '" + id + "' in " + file, e);
        }
    }

    @Override
    public void delete(String kind, String id) {
        Path file = file(kind, id);
        try {
            if (Files.deleteIfExists(file)) {
                folder(file.getParent()).changed();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + kind + " '" + id + "'", e);
        }
    }

    /** The folder of a kind, created durably on first use. */
    private DurableFiles.DirectorySync folder(Path directory) throws IOException {
        DurableFiles.DirectorySync sync = folders.get(directory);
        if (sync == null) {
            DurableFiles.createDirectories(directory);
            sync = folders.computeIfAbsent(directory, DurableFiles.DirectorySync::new);
        }
        return sync;
    }

    @Override
    public Map<String, JsonObject> loadAll(String kind) {
        Path directory = root.resolve(kind);
        Map<String, JsonObject> documents = new LinkedHashMap<>();
        if (!Files.isDirectory(directory)) {
            return documents;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                String name = file.getFileName().toString();
                String id = URLDecoder.decode(name.substring(0, name.length() - SUFFIX.length()), StandardCharsets.UTF_8);
                documents.put(id, read(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + directory, e);
        }
        return documents;
    }

    private static JsonObject read(Path file) throws IOException {
        try (JsonReader reader = Jsonp.createReader(new StringReader(Files.readString(file)))) {
            return reader.readObject();
        } catch (JsonException e) {
            throw new IOException(file + " is not a JSON object: " + e.getMessage(), e);
        }
    }

    private Path file(String kind, String id) {
        return root.resolve(kind).resolve(URLEncoder.encode(id, StandardCharsets.UTF_8) + SUFFIX);
    }
}
