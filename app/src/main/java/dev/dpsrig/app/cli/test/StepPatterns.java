package dev.dpsrig.app.cli.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What can be read off a step definition's pattern without running it: its parameter types, a step text it would
 * match, and a rough likeness to a step's text, by which an undefined step is shown its nearest definitions.
 */
final class StepPatterns {
    private static final Pattern PARAMETER = Pattern.compile("(?<!\\\\)\\{([^}]*)}");
    private static final Pattern OPTIONAL = Pattern.compile("(?<!\\\\)\\([^)]*\\)");
    private static final Pattern ALTERNATIVES = Pattern.compile("([^\\s/]*)(?:(?<!\\\\)/[^\\s/]*)+");
    private static final Pattern QUOTED_OR_NUMBER = Pattern.compile("\"[^\"]*\"|'[^']*'|-?\\b\\d+(?:\\.\\d+)?\\b");
    private static final Map<String, String> BUILT_IN_SAMPLES = Map.of("string", "\"name\"", "int", "1", "float", "1.5",
            "word", "word", "", "text");

    private StepPatterns() {
    }

    /** Whether Cucumber reads {@code pattern} as a regular expression rather than a Cucumber expression. */
    static boolean isRegex(String pattern) {
        return pattern.startsWith("^") || pattern.endsWith("$") || pattern.startsWith("/") && pattern.endsWith("/");
    }

    /** The parameter types of a Cucumber expression, in order ({@code string}, {@code int}, {@code status}...). */
    static List<String> parameterTypes(String pattern) {
        List<String> types = new ArrayList<>();
        if (!isRegex(pattern)) {
            Matcher parameter = PARAMETER.matcher(pattern);
            while (parameter.find()) {
                types.add(parameter.group(1));
            }
        }
        return types;
    }

    /**
     * A step text the Cucumber expression matches: each parameter filled with {@code samples}' text for its type (or a
     * stock value for Cucumber's own types), optional text left out, the first of each set of alternatives.
     */
    static String example(String pattern, Map<String, String> samples) {
        if (isRegex(pattern)) {
            return pattern;
        }
        String chosen = ALTERNATIVES.matcher(OPTIONAL.matcher(pattern).replaceAll("")).replaceAll(first -> Matcher.quoteReplacement(first.group(1)));
        String filled = PARAMETER.matcher(chosen).replaceAll(parameter -> Matcher.quoteReplacement(samples.getOrDefault(parameter.group(1),
                BUILT_IN_SAMPLES.getOrDefault(parameter.group(1), "<" + parameter.group(1) + ">"))));
        return filled.replaceAll("\\\\(.)", "$1").replaceAll("\\s{2,}", " ").trim();
    }

    /**
     * How alike a step's text and a pattern (or a step that pattern matched) read, from 0 to 1: quoted strings and
     * numbers count as parameters, and the rest is compared letter by letter.
     */
    static double likeness(String stepText, String patternOrStep) {
        String a = shape(stepText);
        String b = shape(PARAMETER.matcher(OPTIONAL.matcher(patternOrStep).replaceAll("")).replaceAll("{}"));
        int longest = Math.max(a.length(), b.length());
        return longest == 0 ? 1 : 1 - (double) distance(a, b) / longest;
    }

    private static String shape(String text) {
        return QUOTED_OR_NUMBER.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("{}").replaceAll("\\s+", " ").trim();
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
