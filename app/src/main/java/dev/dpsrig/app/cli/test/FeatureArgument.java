package dev.dpsrig.app.cli.test;

import dev.dpsrig.features.transport.FeatureSource;
import dev.dpsrig.features.transport.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code PATH} of {@code dpsrig test}, in Cucumber's form: a feature file or folder, optionally followed by the
 * lines of the scenarios to run ({@code features/provisioning/x509.feature:12:30}) and by the one transport to run them
 * over ({@code ...:12@mqtt}), the form the rerun file is written in. An empty path stands for all the shipped features.
 */
record FeatureArgument(Path path, List<Integer> lines, Optional<Transport> transport) {
    private static final Pattern FORM = Pattern.compile("(.+?)((?::\\d+)*)(?:@([a-z-]+))?");
    private static final String SHIPPED_FOLDER = "features/";

    FeatureArgument {
        lines = List.copyOf(lines);
    }

    /**
     * Reads {@code path[:line...][@transport]}.
     *
     * @throws TargetUsageException naming the argument when it is a rerun file that is not there, or names no transport
     */
    static FeatureArgument parse(String argument) {
        if (argument.startsWith("@")) {
            throw new TargetUsageException(argument.substring(1) + ": no such rerun file", null);
        }
        Matcher form = FORM.matcher(argument);
        if (!form.matches()) {
            throw new TargetUsageException(argument + ": not a feature file or folder", null);
        }
        List<Integer> lines = new ArrayList<>();
        for (String line : form.group(2).split(":")) {
            if (!line.isEmpty()) {
                lines.add(Integer.parseInt(line));
            }
        }
        Optional<Transport> transport = Optional.ofNullable(form.group(3)).map(word -> {
            try {
                return Transport.parse(word).iterator().next();
            } catch (IllegalArgumentException e) {
                throw new TargetUsageException(argument + ": " + e.getMessage(), e);
            }
        });
        return new FeatureArgument(Path.of(form.group(1)), lines, transport);
    }

    /**
     * The features this argument names, each with the path the console and the rerun file call it by: the file as
     * given, or {@code features/...} for a shipped feature that is not on disk here.
     */
    List<Located> sources() {
        if (path.toString().isEmpty()) {
            return shipped();
        }
        if (Files.isDirectory(path) || Files.isRegularFile(path) && path.toString().endsWith(".feature")) {
            Path parent = Optional.ofNullable(path.toAbsolutePath().normalize().getParent()).orElse(Path.of("/"));
            return FeatureSource.from(path).stream().map(source -> new Located(source, display(parent.resolve(source.path())))).toList();
        }
        String name = path.toString().replace('\\', '/');
        if (name.startsWith(SHIPPED_FOLDER)) {
            List<Located> shipped = shipped().stream()
                    .filter(source -> source.origin().equals(name) || source.origin().startsWith(name.endsWith("/") ? name : name + "/"))
                    .toList();
            if (!shipped.isEmpty()) {
                return shipped;
            }
        }
        throw new TargetUsageException(path + ": no such feature file or folder", null);
    }

    /** Every shipped feature, over the run's transports: what {@code dpsrig test} runs when given no {@code PATH}. */
    static FeatureArgument allShipped() {
        return new FeatureArgument(Path.of(""), List.of(), Optional.empty());
    }

    /** The shipped features, each called {@code features/<area>/<name>.feature}, as they sit in the source tree. */
    private static List<Located> shipped() {
        return FeatureSource.shipped().stream().map(source -> new Located(source, SHIPPED_FOLDER + source.path())).toList();
    }

    private static String display(Path file) {
        Path here = Path.of("").toAbsolutePath();
        return (file.startsWith(here) ? here.relativize(file) : file).toString();
    }

    /** A feature to run and the path it is called by. */
    record Located(FeatureSource source, String origin) {
    }
}
