package dev.dpsrig.app.cli.shared;

import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Iterator;
import java.util.Map;

/** {@code -o jsonc}: JSON indented as {@code -o json} prints it, with ANSI colours for names, strings and other values. */
public final class ColoredJson {
    private static final String INDENT = "    ";
    private static final String NAME = "\u001b[94m";
    private static final String STRING = "\u001b[32m";
    private static final String LITERAL = "\u001b[36m";
    private static final String RESET = "\u001b[0m";

    private ColoredJson() {
    }

    /** The value as coloured, indented JSON, without a final line break. */
    public static String of(JsonValue value) {
        StringBuilder out = new StringBuilder();
        write(out, value, "");
        return out.toString();
    }

    private static void write(StringBuilder out, JsonValue value, String indent) {
        switch (value) {
            case JsonObject object -> members(out, object, indent);
            case JsonArray array -> elements(out, array, indent);
            case JsonString string -> out.append(STRING).append(string).append(RESET);
            case JsonNumber number -> out.append(LITERAL).append(number).append(RESET);
            default -> out.append(LITERAL).append(value).append(RESET);
        }
    }

    private static void members(StringBuilder out, JsonObject object, String indent) {
        out.append('{');
        Iterator<Map.Entry<String, JsonValue>> members = object.entrySet().iterator();
        while (members.hasNext()) {
            Map.Entry<String, JsonValue> member = members.next();
            out.append('\n').append(indent).append(INDENT)
                    .append(NAME).append(Jsonp.provider().createValue(member.getKey())).append(RESET).append(": ");
            write(out, member.getValue(), indent + INDENT);
            out.append(members.hasNext() ? "," : "");
        }
        out.append(object.isEmpty() ? "" : "\n" + indent).append('}');
    }

    private static void elements(StringBuilder out, JsonArray array, String indent) {
        out.append('[');
        for (int i = 0; i < array.size(); i++) {
            out.append('\n').append(indent).append(INDENT);
            write(out, array.get(i), indent + INDENT);
            out.append(i < array.size() - 1 ? "," : "");
        }
        out.append(array.isEmpty() ? "" : "\n" + indent).append(']');
    }
}
