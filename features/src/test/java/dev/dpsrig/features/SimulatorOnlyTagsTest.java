package dev.dpsrig.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Against a real DPS, {@code dpsrig test --target azure} leaves out the scenarios tagged
 * {@code @simulator-only} and runs the rest; a scenario that reaches for a simulator control without
 * the tag would fail there for no fault of the DPS. This holds every shipped scenario's steps (its
 * Background's included) against the wording of the steps that need the simulator.
 */
class SimulatorOnlyTagsTest {
    private static final Path FEATURES = Path.of("..", "features");

    /** Steps that need the simulator: its hubs, fault plan, quotas, CA store or records. */
    private static final Pattern NEEDS_SIMULATOR = Pattern.compile(String.join("|",
            "uploaded and verified", "uploaded but not verified", "the hub receives", "the hub sends", "the hub acknowledged",
            "the message from device", "the fault rule", "the quota profile", "the simulator ", "met a \"", "met \\d+ fault",
            "the IoT hubs?", "the hubs hold", "message(s)? on the hub", "on the hub of", "proof of possession"));

    private record Scenario(Path file, String name, boolean simulatorOnly, List<String> steps) {
    }

    @Test
    void everyScenarioThatNeedsTheSimulatorIsTaggedSo() throws IOException {
        List<String> untagged = new ArrayList<>();
        List<Scenario> scenarios = scenarios();
        for (Scenario scenario : scenarios) {
            if (!scenario.simulatorOnly()) {
                scenario.steps().stream().filter(step -> NEEDS_SIMULATOR.matcher(step).find()).findFirst()
                        .ifPresent(step -> untagged.add(scenario.file().getFileName() + ": '" + scenario.name() + "' uses '" + step + "'"));
            }
        }
        assertThat(scenarios).as("the shipped scenarios were found").hasSizeGreaterThan(50);
        assertThat(untagged).as("scenarios that need the simulator but are not tagged @simulator-only").isEmpty();
    }

    @Test
    void theCheckSeesATaggedFeatureAndAnUntaggedScenario() throws IOException {
        Path dir = Files.createTempDirectory("tags");
        Files.writeString(dir.resolve("a.feature"), """
                @simulator-only
                Feature: tagged
                  Scenario: one
                    Then the hub receives 1 message from device "d"
                """);
        Files.writeString(dir.resolve("b.feature"), """
                Feature: untagged
                  Background:
                    Given the fault rule
                  @x509
                  Scenario: two
                    When device "d" registers with its enrollment key
                """);
        List<Scenario> found = scenarios(dir);
        assertThat(found).extracting(Scenario::name, Scenario::simulatorOnly).containsExactlyInAnyOrder(
                tuple("one", true), tuple("two", false));
        assertThat(found).filteredOn(Scenario::name, "two").singleElement()
                .satisfies(two -> assertThat(two.steps()).anyMatch(step -> NEEDS_SIMULATOR.matcher(step).find()));
    }

    private static List<Scenario> scenarios() throws IOException {
        return scenarios(FEATURES);
    }

    /** A line reader is enough for the shipped files: tags on the lines above, steps below, Background shared. */
    private static List<Scenario> scenarios(Path root) throws IOException {
        List<Scenario> scenarios = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".feature") && !path.toString().contains("target")).toList()) {
                List<String> pendingTags = new ArrayList<>();
                boolean featureTagged = false;
                List<String> background = new ArrayList<>();
                List<String> current = null;
                String name = null;
                boolean tagged = false;
                for (String raw : Files.readAllLines(file)) {
                    String line = raw.strip();
                    if (line.startsWith("@")) {
                        pendingTags.addAll(List.of(line.split("\\s+")));
                    } else if (line.startsWith("Feature:")) {
                        featureTagged = pendingTags.contains("@simulator-only");
                        pendingTags.clear();
                    } else if (line.startsWith("Background:")) {
                        current = background;
                        pendingTags.clear();
                    } else if (line.startsWith("Scenario")) {
                        if (name != null) {
                            scenarios.add(new Scenario(file, name, tagged, current));
                        }
                        name = line.substring(line.indexOf(':') + 1).strip();
                        tagged = featureTagged || pendingTags.contains("@simulator-only");
                        pendingTags.clear();
                        current = new ArrayList<>(background);
                    } else if (line.startsWith("Examples:")) {
                        pendingTags.clear();
                    } else if (current != null && line.matches("(Given|When|Then|And|But) .*")) {
                        current.add(line);
                    }
                }
                if (name != null) {
                    scenarios.add(new Scenario(file, name, tagged, current));
                }
            }
        }
        return scenarios;
    }
}
