package dev.dpsrig.app.cli.test;

import static dev.dpsrig.app.cli.CommandRun.dpsrig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.app.cli.CommandRun;
import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dpsrig test} on a small feature with a Background and a failing step, against the simulator:
 * the step count it prints, the evidence in the failure, the report's attachments, and the feature files the reports
 * name (the ones given, or the shipped ones, rather than the copies that ran).
 */
class TestCommandReportIT {
    private static final Path FEATURE = Path.of("src", "test", "resources", "tally", "background-and-failure.feature");

    @TempDir
    static Path reports;
    private static int exitCode;
    private static String out;
    private static JsonArray report;

    @BeforeAll
    static void run() throws IOException {
        CommandRun run = dpsrig("test", FEATURE.toString(), "--transport", "https", "--reports", reports.toString());
        exitCode = run.exitCode();
        out = run.out();
        try (JsonReader reader = Jsonp.createReader(new StringReader(Files.readString(reports.resolve("report.json"))))) {
            report = reader.readArray();
        }
    }

    @Test
    void theFirstLineSaysTheSimulatorIsStarting() {
        assertThat(out.lines().findFirst()).hasValue("starting simulator… (each scenario starts its own, on free ports)");
    }

    @Test
    void aFailedScenarioIsNamedWithItsFeatureFileAndLineAsItEndsAndInTheSummary() {
        String at = FEATURE + ":10";
        assertThat(out).contains("FAIL  " + at + "  Fails at its second step [https] (")
                .contains("failed scenarios:\n  " + at + " # Fails at its second step [https]\n");
    }

    @Test
    void theRerunFileNamesTheFailedScenarioAndRunsJustIt() throws IOException {
        Path rerun = reports.resolve("rerun.txt");
        assertThat(Files.readString(rerun)).isEqualTo(FEATURE + ":10@https\n");

        CommandRun again = dpsrig("test", "@" + rerun, "--reports", reports.resolve("rerun").toString());

        assertThat(again.exitCode()).as(again.out() + again.err()).isEqualTo(1);
        assertThat(again.out()).contains("transports: https\n").contains("1 scenarios: 0 passed, 1 failed, 0 skipped")
                .contains("FAIL  " + FEATURE + ":10  Fails at its second step [https]").doesNotContain("Passes [");
        assertThat(reports.resolve("rerun").resolve("rerun.txt")).hasContent(FEATURE + ":10@https");
    }

    @Test
    void everyReportNamesTheFeatureFileGivenNotTheCopyThatRan() throws IOException {
        String feature = FEATURE.toString().replace('\\', '/');

        assertThat(report.getValuesAs(JsonObject.class)).extracting(entry -> entry.getString("uri")).containsExactly("file:" + feature);
        assertThat(Files.readString(reports.resolve("report.html"))).contains("\"uri\":\"" + feature + " [https]\"");
        assertThat(Files.readString(reports.resolve("junit.xml"))).contains("is assigned(" + feature + ":12)");
        assertThat(failedScenario().getJsonArray("steps").getValuesAs(JsonObject.class)).extracting(step -> step.getJsonObject("result"))
                .filteredOn(result -> result.containsKey("error_message")).singleElement()
                .satisfies(result -> assertThat(result.getString("error_message")).contains("is assigned(" + feature + ":12)"));
        assertNoReportNamesACopy(reports, "https/" + FEATURE.getFileName());
    }

    @Test
    void everyReportNamesAShippedFeatureByItsPathInTheSourceTreeWithTheTransportApart(@TempDir Path shipped) throws IOException {
        String feature = "features/allocation/allocation.feature";
        String scenario = "Static allocation sends the device to the one hub its enrollment names";
        CommandRun run = dpsrig("test", feature, "--name", "^Static allocation", "--dry-run", "--reports", shipped.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        List<JsonObject> entries;
        try (JsonReader reader = Jsonp.createReader(new StringReader(Files.readString(shipped.resolve("report.json"))))) {
            entries = reader.readArray().getValuesAs(JsonObject.class);
        }
        assertThat(entries).as("one entry for the feature, the scenarios of both transports in it").hasSize(1);
        JsonObject entry = entries.getFirst();
        assertThat(entry.getString("uri")).isEqualTo("file:" + feature);
        assertThat(tags(entry)).contains("@allocation").noneMatch(tag -> tag.startsWith("@transport-"));
        List<JsonObject> scenarios = entry.getJsonArray("elements").getValuesAs(JsonObject.class);
        assertThat(scenarios).extracting(one -> one.getString("name")).containsExactlyInAnyOrder(scenario + " [https]", scenario + " [mqtt]");
        assertThat(scenarios).allSatisfy(one -> assertThat(tags(one))
                .contains(one.getString("name").endsWith("[mqtt]") ? "@transport-mqtt" : "@transport-https"));
        assertThat(Files.readString(shipped.resolve("report.html")))
                .contains("\"uri\":\"" + feature + " [https]\"", "\"uri\":\"" + feature + " [mqtt]\"");
        assertThat(Files.readString(shipped.resolve("junit.xml"))).contains(scenario + " [https]", scenario + " [mqtt]");
        assertNoReportNamesACopy(shipped, "https/allocation/allocation.feature");
        assertNoReportNamesACopy(shipped, "mqtt/allocation/allocation.feature");
    }

    @Test
    void oneFailedScenarioFailsTheRun() {
        assertThat(exitCode).as(out).isEqualTo(1);
        assertThat(out).contains("2 scenarios: 1 passed, 1 failed, 0 skipped");
    }

    /**
     * Background 1 step + 2, and 1 + 3 with the second failing and the third skipped: 7 Gherkin steps.
     * Hooks are counted apart, and the two together are what Cucumber's own summary calls steps.
     */
    @Test
    void stepCountIsTheGherkinStepsWithBackgroundsAndSkippedStepsHooksApart() {
        List<JsonObject> scenarios = scenarios();
        // The JSON report lists each scenario's Background steps in an element of their own, just before it.
        long steps = report.getValuesAs(JsonObject.class).stream()
                .flatMap(feature -> feature.getJsonArray("elements").getValuesAs(JsonObject.class).stream())
                .mapToLong(element -> element.getJsonArray("steps").size()).sum();
        long hooks = scenarios.stream().mapToLong(scenario -> hooks(scenario, "before").size() + hooks(scenario, "after").size()).sum();

        assertThat(steps).isEqualTo(7);
        assertThat(out).contains("7 steps: 5 passed, 1 failed, 1 skipped (plus " + hooks + " hook" + (hooks == 1 ? "" : "s") + ",");
        assertThat(hooks).isPositive();
    }

    @Test
    void failureSaysWhatWasExpectedAndWhatWasSeen() {
        JsonObject failed = failedScenario();
        String message = failed.getJsonArray("steps").getValuesAs(JsonObject.class).stream()
                .map(step -> step.getJsonObject("result")).filter(result -> result.getString("status").equals("failed"))
                .map(result -> result.getString("error_message")).findFirst().orElseThrow();

        assertThat(message).contains("device 'tally-device' is not assigned")
                .contains("REFUSED 401")
                .contains("last answer: 401 {\"errorCode\":401002")
                .contains("timeline:");
    }

    @Test
    void failedScenarioCarriesItsHttpExchangesWithSignaturesHidden() {
        String exchanges = attachment(failedScenario(), "HTTP exchanges");

        assertThat(exchanges).contains("> PUT https://").contains("/registrations/tally-device/register")
                .contains("< 401").contains("x-ms-error-code: 401002")
                .contains("Authorization: SharedAccessSignature sr=").contains("sig=***")
                .doesNotContainPattern("sig=(?!\\*\\*\\*)");
        assertThat(attachment(failedScenario(), "registration records")).contains("tally-device: no registration record");
    }

    @Test
    void passedScenarioCarriesRecordsButNoExchanges() {
        JsonObject passed = scenarios().stream().filter(scenario -> scenario.getString("name").equals("Passes [https]")).findFirst().orElseThrow();

        assertThat(attachment(passed, "registration records")).contains("\"status\":\"assigned\"");
        assertThat(attachmentNames(passed)).doesNotContain("HTTP exchanges").contains("timeline of tally-device");
    }

    @Test
    void everyAttachmentIsNamedForWhatItHolds() {
        List<String> names = scenarios().stream().flatMap(scenario -> attachmentNames(scenario).stream()).toList();

        assertThat(names).isNotEmpty().allSatisfy(name -> assertThat(name).as("an attachment's name").isNotBlank());
    }

    /** Fails when report.json, report.html or junit.xml under {@code folder} names the copy ending in {@code copy} in any form. */
    private static void assertNoReportNamesACopy(Path folder, String copy) throws IOException {
        assertThat(folder.resolve("features").resolve(copy)).as("the copy the run made").isRegularFile();
        for (String name : List.of("report.json", "report.html", "junit.xml")) {
            assertThat(Files.readString(folder.resolve(name))).as(name).isNotEmpty().doesNotContain(copy)
                    .doesNotContain(folder.resolve("features").toString());
        }
    }

    private static List<String> tags(JsonObject element) {
        return element.getJsonArray("tags").getValuesAs(JsonObject.class).stream().map(tag -> tag.getString("name")).toList();
    }

    private static List<JsonObject> scenarios() {
        return report.getValuesAs(JsonObject.class).stream()
                .flatMap(feature -> feature.getJsonArray("elements").getValuesAs(JsonObject.class).stream())
                .filter(element -> element.getString("type").equals("scenario")).toList();
    }

    private static JsonObject failedScenario() {
        return scenarios().stream().filter(scenario -> scenario.getString("name").equals("Fails at its second step [https]")).findFirst().orElseThrow();
    }

    private static List<JsonObject> hooks(JsonObject scenario, String when) {
        return scenario.containsKey(when) ? scenario.getJsonArray(when).getValuesAs(JsonObject.class) : List.of();
    }

    private static List<JsonObject> embeddings(JsonObject scenario) {
        List<JsonObject> all = new ArrayList<>();
        Stream.of("before", "after").flatMap(when -> hooks(scenario, when).stream())
                .filter(hook -> hook.containsKey("embeddings"))
                .forEach(hook -> all.addAll(hook.getJsonArray("embeddings").getValuesAs(JsonObject.class)));
        return all;
    }

    private static List<String> attachmentNames(JsonObject scenario) {
        return embeddings(scenario).stream().map(embedding -> embedding.getString("name", "")).toList();
    }

    private static String attachment(JsonObject scenario, String name) {
        return embeddings(scenario).stream().filter(embedding -> embedding.getString("name", "").equals(name)).findFirst()
                .map(embedding -> new String(Base64.getDecoder().decode(embedding.getString("data")), StandardCharsets.UTF_8))
                .orElseThrow(() -> new AssertionError("no attachment '" + name + "' in " + attachmentNames(scenario)));
    }

}
