package dev.dpsrig.app.cli.test;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The steps of a run that no step definition matched, each once with its feature file and line and the three
 * definitions that read most like it, and the steps more than one definition matched; in place of Cucumber's
 * suggestion of a Java method to write.
 */
final class UndefinedSteps {
    private UndefinedSteps() {
    }

    /** Prints what {@code learnt} holds of undefined and ambiguous steps, nothing when every step had one definition. */
    static void print(StepCatalog.Snapshot learnt, FeatureCopies copies, PrintWriter out) {
        Map<String, StepCatalog.Use> undefined = located(learnt.undefined(), copies);
        if (!undefined.isEmpty()) {
            StepVocabulary vocabulary = StepVocabulary.of(learnt, copies);
            out.println("undefined steps:");
            undefined.forEach((at, use) -> {
                out.printf("  %s  %s%s%n", at, use.keyword(), use.text());
                List<StepVocabulary.Entry> nearest = vocabulary.nearest(use.text());
                for (int i = 0; i < nearest.size(); i++) {
                    out.printf("      %s %s  # %s%n", i == 0 ? "nearest:" : "        ", nearest.get(i).pattern(), nearest.get(i).area());
                }
            });
        }
        Map<String, StepCatalog.Use> ambiguous = located(learnt.ambiguous(), copies);
        if (!ambiguous.isEmpty()) {
            out.println("ambiguous steps (more than one definition matches):");
            ambiguous.forEach((at, use) -> out.printf("  %s  %s%s%n", at, use.keyword(), use.text()));
        }
        out.flush();
    }

    /** The steps by their feature file and line, each once though it ran over several transports. */
    private static Map<String, StepCatalog.Use> located(List<StepCatalog.Use> uses, FeatureCopies copies) {
        Map<String, StepCatalog.Use> byPlace = new LinkedHashMap<>();
        uses.forEach(use -> byPlace.putIfAbsent(copies.origin(use.uri(), use.line())
                .map(FeatureCopies.Origin::location).orElse(use.uri() + ":" + use.line()), use));
        return byPlace;
    }
}
