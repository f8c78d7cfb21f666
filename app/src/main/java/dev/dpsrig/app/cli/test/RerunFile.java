package dev.dpsrig.app.cli.test;

import dev.dpsrig.features.transport.Transport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The rerun file: the scenarios of a run that did not pass, in Cucumber's rerun form, one feature per line with the
 * lines of its scenarios ({@code features/provisioning/x509.feature:12:30}), each line ending in the transport they
 * failed over ({@code @mqtt}), since a run takes each scenario over each transport. {@code dpsrig test @rerun.txt}
 * reads it back as its {@code PATH}s and runs exactly those scenarios, each over the transport named. A run where
 * every scenario passed leaves the file empty, and rerunning it runs nothing.
 */
final class RerunFile {
    /** Its name in the reports folder. */
    static final String NAME = "rerun.txt";

    private RerunFile() {
    }

    /** Writes the rerun file of {@code scenarios} to {@code file}, replacing an earlier run's. */
    static void write(List<ScenarioProgress.NotPassed> scenarios, Path file) throws IOException {
        Map<Transport, Map<String, TreeSet<Integer>>> byTransport = new TreeMap<>();
        scenarios.forEach(scenario -> byTransport.computeIfAbsent(scenario.origin().transport(), any -> new TreeMap<>())
                .computeIfAbsent(scenario.origin().path(), any -> new TreeSet<>()).add(scenario.origin().line()));
        StringBuilder text = new StringBuilder();
        byTransport.forEach((transport, features) -> features.forEach((path, lines) -> text.append(path)
                .append(lines.stream().map(line -> ":" + line).collect(Collectors.joining()))
                .append('@').append(transport.word()).append('\n')));
        Files.writeString(file, text);
    }
}
