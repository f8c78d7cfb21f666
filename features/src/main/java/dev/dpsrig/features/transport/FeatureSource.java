package dev.dpsrig.features.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.commons.support.Resource;

/**
 * One {@code .feature} file to run: where it goes among a run's copies ({@code provisioning/x509.feature}) and its
 * Gherkin text.
 */
public record FeatureSource(String path, String text) {
    private static final String SHIPPED = "features";
    private static final String SUFFIX = ".feature";

    /** The shipped features, as the classpath (the features module, or dpsrig's jar) carries them under {@code features/}. */
    public static List<FeatureSource> shipped() {
        List<FeatureSource> sources = new ArrayList<>();
        for (Resource resource : ReflectionSupport.findAllResourcesInPackage(SHIPPED, found -> found.getName().endsWith(SUFFIX))) {
            try (InputStream in = resource.getInputStream()) {
                sources.add(new FeatureSource(resource.getName().substring(SHIPPED.length() + 1),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the shipped feature " + resource.getName(), e);
            }
        }
        sources.sort(Comparator.comparing(FeatureSource::path));
        return sources;
    }

    /** A feature file, or every feature file under a folder (kept under the folder's own name). */
    public static List<FeatureSource> from(Path fileOrFolder) {
        Path base = fileOrFolder.toAbsolutePath().normalize();
        Path parent = base.getParent() == null ? base : base.getParent();
        try (Stream<Path> files = Files.walk(base)) {
            return files.filter(file -> Files.isRegularFile(file) && file.toString().endsWith(SUFFIX)).sorted()
                    .map(file -> new FeatureSource(parent.relativize(file).toString(), read(file))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the features under " + fileOrFolder, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the feature " + file, e);
        }
    }
}
