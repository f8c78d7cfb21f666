package dev.dpsrig.app.cli.test;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The steps a feature can use: every step definition of the glue, grouped by area (the step class, e.g. "fault" for
 * {@code FaultSteps}), with its parameter types and an example, taken from a feature that uses it or, when none
 * does, made from its parameter types.
 */
final class StepVocabulary {
    private static final int NEAREST = 3;

    /** One step definition: its area, pattern, parameter types, and an example with the feature line it came from, if any. */
    record Entry(String area, String pattern, List<String> parameterTypes, String example, Optional<String> exampleAt) {
        Entry {
            parameterTypes = List.copyOf(parameterTypes);
        }
    }

    private final List<Entry> entries;

    private StepVocabulary(List<Entry> entries) {
        this.entries = entries;
    }

    /** The vocabulary of what a run learnt, examples located through the run's feature copies. */
    static StepVocabulary of(StepCatalog.Snapshot learnt, FeatureCopies copies) {
        Map<String, String> samples = new HashMap<>();
        learnt.uses().values().forEach(use -> use.parameters().forEach(parameter -> samples.putIfAbsent(parameter.type(), parameter.text())));
        List<Entry> entries = learnt.definitions().stream().map(definition -> {
            Optional<StepCatalog.Use> use = Optional.ofNullable(learnt.uses().get(definition.pattern()));
            List<String> types = use.map(found -> found.parameters().stream().map(StepCatalog.Parameter::type).toList())
                    .filter(found -> !found.isEmpty()).orElse(StepPatterns.parameterTypes(definition.pattern()));
            return new Entry(area(definition.location()), definition.pattern(), types,
                    use.map(StepCatalog.Use::text).orElse(StepPatterns.example(definition.pattern(), samples)),
                    use.flatMap(found -> copies.origin(found.uri(), found.line()).map(FeatureCopies.Origin::location)));
        }).sorted(Comparator.comparing(Entry::area).thenComparing(Entry::pattern)).toList();
        return new StepVocabulary(entries);
    }

    List<Entry> entries() {
        return entries;
    }

    /** Prints the vocabulary, area by area: each pattern, then its parameter types and example, indented under it. */
    void print(PrintWriter out) {
        Map<String, List<Entry>> byArea = entries.stream().collect(Collectors.groupingBy(Entry::area, LinkedHashMap::new, Collectors.toList()));
        byArea.forEach((area, inArea) -> {
            out.printf("%s (%d step%s)%n", area, inArea.size(), inArea.size() == 1 ? "" : "s");
            inArea.forEach(entry -> {
                out.println("  " + entry.pattern());
                if (!entry.parameterTypes().isEmpty()) {
                    out.println("      parameters: " + String.join(", ", entry.parameterTypes()));
                }
                out.println("      e.g. " + entry.example() + "  "
                        + entry.exampleAt().map(at -> "# " + at).orElse("# made up: no shipped scenario uses it"));
            });
        });
        out.printf("%d steps in %d areas%n", entries.size(), byArea.size());
        out.flush();
    }

    /** The definitions whose pattern or example reads most like {@code stepText}, nearest first. */
    List<Entry> nearest(String stepText) {
        return entries.stream().sorted(Comparator.comparingDouble((Entry entry) -> -Math.max(
                StepPatterns.likeness(stepText, entry.pattern()), StepPatterns.likeness(stepText, entry.example()))))
                .limit(NEAREST).toList();
    }

    /** The step class a definition's location names, in words: {@code dev...MqttProtocolSteps.connects(...)} is "mqtt protocol". */
    static String area(String location) {
        String method = location.contains("(") ? location.substring(0, location.indexOf('(')) : location;
        String type = method.contains(".") ? method.substring(0, method.lastIndexOf('.')) : method;
        String simple = type.substring(type.lastIndexOf('.') + 1).replaceFirst("Steps$", "");
        return simple.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }
}
