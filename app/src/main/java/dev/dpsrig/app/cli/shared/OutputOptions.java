package dev.dpsrig.app.cli.shared;

import jakarta.json.JsonValue;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code -o/--output} and {@code --query} of the {@code dps} and {@code hub} commands that print data, as {@code az}
 * has them: the answer is narrowed by the JMESPath query, then printed as JSON (the default), coloured JSON, a table,
 * tab-separated values or not at all. An expression that is not JMESPath is a usage error before anything is sent.
 */
public final class OutputOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "json|jsonc|table|tsv|none", converter = OutputFormat.Converter.class,
            description = "Output format, as az's: json (default), jsonc (coloured), table, tsv (for scripts) or none.")
    private Optional<OutputFormat> format = Optional.empty();

    @Option(names = "--query", paramLabel = "JMESPATH", converter = JsonQuery.Converter.class,
            description = "A JMESPath query applied to the answer before it is printed (http://jmespath.org), as az's.")
    private Optional<JsonQuery> query = Optional.empty();

    /** Whether {@code -o} or {@code --query} was given, for a command whose own output is not JSON unless asked. */
    public boolean chosen() {
        return format.isPresent() || query.isPresent();
    }

    /** Prints a command's answer: queried, then in the format asked for. */
    public void print(JsonValue answer) {
        JsonValue result = query.map(expression -> expression.apply(answer)).orElse(answer);
        String text = switch (format.orElse(OutputFormat.JSON)) {
            case JSON -> JsonOutput.text(result) + "\n";
            case JSONC -> ColoredJson.of(result) + "\n";
            case TABLE -> TabularOutput.table(result);
            case TSV -> TabularOutput.tsv(result);
            case NONE -> "";
        };
        PrintWriter out = spec.commandLine().getOut();
        synchronized (out) {
            out.print(text);
            out.flush();
        }
    }
}
