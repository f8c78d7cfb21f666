package dev.dpsrig.app.cli.shared;

import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** What {@code dpsrig dps} prints: the service's JSON answer, indented, as {@code az} prints it. */
public final class JsonOutput {
    private static final JsonWriterFactory PRETTY = Jsonp.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));

    private JsonOutput() {
    }

    public static void print(CommandSpec spec, JsonStructure answer) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(text(answer));
        out.flush();
    }

    /** The value indented as {@link #print} prints it, without a final line break; a single value as its JSON text. */
    public static String text(JsonValue answer) {
        if (!(answer instanceof JsonStructure structure)) {
            return answer.toString();
        }
        StringWriter text = new StringWriter();
        try (JsonWriter writer = PRETTY.createWriter(text)) {
            writer.write(structure);
        }
        // The pretty printer starts with a line break; az output starts with the brace.
        return text.toString().strip();
    }
}
