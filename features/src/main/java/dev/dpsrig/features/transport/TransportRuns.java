package dev.dpsrig.features.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A run's features once per transport: a copy of each feature for each chosen {@link Transport}, in a folder of its own
 * ({@code <folder>/mqtt/provisioning/x509.feature}), its feature tagged with the transport's tag and every scenario's name
 * ending in {@code [mqtt]}, so the console, report.html, report.json and junit.xml all say which transport a scenario ran
 * over. A copy rather than a Scenario Outline in every file: the features stay about provisioning, and the transport is
 * the run's choice, as the target is.
 *
 * <p>Not every scenario has a meaning over every transport, which {@link #excludedTags} says: {@value #HTTPS_ONLY_TAG}
 * scenarios (raw HTTP requests) and {@value #BOARD_TAG} scenarios (a board's firmware speaks HTTPS) run over HTTPS only;
 * {@value #MQTT_ONLY_TAG} scenarios (MQTT packet by packet over TLS) run in the {@code mqtt} run only.
 */
public final class TransportRuns {
    public static final String HTTPS_ONLY_TAG = "@https-only";
    public static final String MQTT_ONLY_TAG = "@mqtt-only";
    public static final String BOARD_TAG = "@board";

    private static final Pattern FEATURE = Pattern.compile("^(\\s*)Feature:", Pattern.MULTILINE);
    private static final Pattern SCENARIO = Pattern.compile(
            "^(\\s*(?:Scenario Outline|Scenario Template|Scenario|Example)\\s*:[ \\t]*)(.*?)[ \\t]*$", Pattern.MULTILINE);

    private TransportRuns() {
    }

    /**
     * Writes the copies of {@code sources} for each transport under {@code folder}, replacing what an earlier run left
     * there; answers the folders to run, one per transport.
     */
    public static List<Path> write(List<FeatureSource> sources, Set<Transport> transports, Path folder) {
        List<Path> written = new ArrayList<>();
        for (Transport transport : transports) {
            Path copies = folder.resolve(transport.word());
            try {
                deleteAll(copies);
                for (FeatureSource source : sources) {
                    Path file = copies.resolve(source.path());
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, rewrite(source.text(), transport));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the " + transport.word() + " copies of the features to " + copies, e);
            }
            written.add(copies);
        }
        return written;
    }

    /**
     * The line of a copy that holds what {@code originalLine} of its feature holds: the copy has one line more, the
     * transport's tag, just before {@code Feature:}.
     */
    public static int copyLine(int originalLine) {
        return originalLine + 1;
    }

    /** The line of a feature that a line of its copy, below the transport's tag, came from: the inverse of {@link #copyLine}. */
    public static int originalLine(int copyLine) {
        return copyLine - 1;
    }

    /** The feature over one transport: tagged with it, every scenario's name ending in {@code [word]}. */
    static String rewrite(String feature, Transport transport) {
        String named = SCENARIO.matcher(feature).replaceAll(scenario -> Matcher.quoteReplacement(
                scenario.group(1) + scenario.group(2) + " [" + transport.word() + "]"));
        return FEATURE.matcher(named).replaceFirst(start -> Matcher.quoteReplacement(
                start.group(1) + transport.tag() + "\n" + start.group()));
    }

    /**
     * The scenarios each transport's run leaves out, as JUnit Platform tag expressions (Cucumber's tags without their
     * {@code @}), for a {@code TagFilter.excludeTags} that drops them before the run rather than reporting them skipped.
     */
    public static List<String> excludedTags(Set<Transport> transports) {
        return transports.stream().map(transport -> junitTag(transport.tag()) + " & (" + switch (transport) {
            case HTTPS -> junitTag(MQTT_ONLY_TAG);
            case MQTT -> junitTag(HTTPS_ONLY_TAG) + " | " + junitTag(BOARD_TAG);
            case MQTT_WS -> junitTag(HTTPS_ONLY_TAG) + " | " + junitTag(BOARD_TAG) + " | " + junitTag(MQTT_ONLY_TAG);
        } + ")").toList();
    }

    private static String junitTag(String cucumberTag) {
        return cucumberTag.substring(1);
    }

    /** Deletes {@code folder} and everything in it, if it is there. */
    public static void deleteAll(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
