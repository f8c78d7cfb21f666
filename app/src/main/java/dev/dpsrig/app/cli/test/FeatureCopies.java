package dev.dpsrig.app.cli.test;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import dev.dpsrig.features.transport.FeatureSource;
import dev.dpsrig.features.transport.Transport;
import dev.dpsrig.features.transport.TransportRuns;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.discovery.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;

/**
 * The copies a run makes of its features, one per transport (see {@link TransportRuns}), what to select among them, and
 * for any scenario of a copy the feature file and line it came from, which is what the console and the rerun file name.
 */
final class FeatureCopies {
    private final Path folder;
    private final Set<Transport> transports = EnumSet.noneOf(Transport.class);
    private final List<DiscoverySelector> selectors = new ArrayList<>();
    private final Map<Path, String> origins = new HashMap<>();

    /** Where a scenario of a copy came from: its feature as the user calls it, its line there and the transport it ran over. */
    record Origin(String path, int line, Transport transport) {
        /** {@code path:line}, as Cucumber names a scenario. */
        String location() {
            return path + ":" + line;
        }
    }

    /** A copy's feature as the user calls it, and the transport the copy runs over. */
    record Copy(String path, Transport transport) {
    }

    private FeatureCopies(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    /**
     * Writes, under {@code folder}, the copies of the features {@code arguments} name for each transport they run over:
     * an argument naming its transport runs over that one, any other over each of {@code chosen}.
     */
    static FeatureCopies write(List<FeatureArgument> arguments, Set<Transport> chosen, Path folder) {
        FeatureCopies copies = new FeatureCopies(folder);
        Map<Transport, Map<String, Selection>> runs = new EnumMap<>(Transport.class);
        for (FeatureArgument argument : arguments) {
            List<FeatureArgument.Located> sources = argument.sources();
            for (Transport transport : argument.transport().map(Set::of).orElse(chosen)) {
                Map<String, Selection> run = runs.computeIfAbsent(transport, any -> new LinkedHashMap<>());
                sources.forEach(located -> run.computeIfAbsent(located.source().path(), any -> new Selection(located))
                        .add(argument.lines()));
            }
        }
        runs.forEach(copies::write);
        return copies;
    }

    private void write(Transport transport, Map<String, Selection> run) {
        List<FeatureSource> sources = run.values().stream().map(selection -> selection.located.source()).toList();
        Path copies = TransportRuns.write(sources, Set.of(transport), folder).getFirst();
        transports.add(transport);
        run.forEach((path, selection) -> {
            Path file = copies.resolve(path).normalize();
            origins.put(file, selection.located.origin());
            if (selection.lines.isEmpty()) {
                selectors.add(selectFile(file.toFile()));
            } else {
                selection.lines.forEach(line -> selectors.add(selectFile(file.toFile(), FilePosition.from(TransportRuns.copyLine(line)))));
            }
        });
    }

    Set<Transport> transports() {
        return transports;
    }

    List<DiscoverySelector> selectors() {
        return selectors;
    }

    /** Where the scenario at {@code source} (a copy's file and line) came from, when it is one of these copies. */
    Optional<Origin> origin(Optional<TestSource> source) {
        return source.filter(FileSource.class::isInstance).map(FileSource.class::cast).flatMap(file ->
                origin(file.getFile().toURI(), file.getPosition().map(position -> position.getLine()).orElse(TransportRuns.copyLine(1))));
    }

    /** Where line {@code copyLine} of the copy at {@code uri} came from, when it is one of these copies. */
    Optional<Origin> origin(URI uri, int copyLine) {
        return copy(uri).map(copy -> new Origin(copy.path(), TransportRuns.originalLine(copyLine), copy.transport()));
    }

    /** The feature the copy at {@code uri} was made of and the transport it runs over, when it is one of these copies. */
    Optional<Copy> copy(URI uri) {
        if (!"file".equals(uri.getScheme()) || uri.isOpaque()) {
            return Optional.empty();
        }
        Path copy = Path.of(uri).toAbsolutePath().normalize();
        Optional<Transport> transport = copy.startsWith(folder) && copy.getNameCount() > folder.getNameCount()
                ? Transport.parse(folder.relativize(copy).getName(0).toString()).stream().findFirst() : Optional.empty();
        return Optional.ofNullable(origins.get(copy)).flatMap(path -> transport.map(over -> new Copy(path, over)));
    }

    /** Which scenarios of one feature a transport's run selects: all of them, or those at some lines. */
    private static final class Selection {
        private final FeatureArgument.Located located;
        private final Set<Integer> lines = new TreeSet<>();
        private boolean whole;

        Selection(FeatureArgument.Located located) {
            this.located = located;
        }

        void add(List<Integer> more) {
            whole |= more.isEmpty();
            lines.addAll(more);
            if (whole) {
                lines.clear();
            }
        }
    }
}
