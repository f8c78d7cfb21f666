package dev.dpsrig.simulator.service;

import dev.dpsrig.simulator.protocol.Jsonp;
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
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One JSON file per document under {@code root/kind/}, written to a temporary file and renamed
 * into place, so a reader (or a restart after a crash) sees the old document or the new one,
 * never half of one. Ids are URL-encoded into file names.
 */
public final class FileStateStore implements StateStore {
    private static final String SUFFIX = ".json";

    private final Path root;

    public FileStateStore(Path root) {
        this.root = root;
    }

    @Override
    public void put(String kind, String id, Supplier<JsonObject> document) {
        Path file = file(kind, id);
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), ".write-", ".tmp");
            try {
                StringWriter text = new StringWriter();
                try (JsonWriter writer = Jsonp.createWriter(text)) {
                    writer.writeObject(document.get());
                }
                Files.writeString(temporary, text.toString());
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store " + kind + " '" + id + "' in " + file, e);
        }
    }

    @Override
    public void delete(String kind, String id) {
        try {
            Files.deleteIfExists(file(kind, id));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + kind + " '" + id + "'", e);
        }
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
