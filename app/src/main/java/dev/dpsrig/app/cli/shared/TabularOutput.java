package dev.dpsrig.app.cli.shared;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code -o table} and {@code -o tsv} as {@code az} prints them. An answer that is an array gives one row per element,
 * anything else one row.
 * <ul>
 * <li>table: a column per top-level member of the rows, in the order first seen, headed by its name with the first
 * letter capitalised and underlined with dashes; members that are objects, arrays or null are left out, and so are
 * {@code id}, {@code type} and {@code etag}; a row that is an array has columns {@code Column1}, {@code Column2}...,
 * and a row that is a single value is a column {@code Result}.</li>
 * <li>tsv: the values of each row separated by tabs, in member order, without headers; a nested array is its length
 * and a nested object an empty field, so that rows keep their columns.</li>
 * </ul>
 * Booleans are written {@code True} and {@code False}, as {@code az} writes them.
 */
public final class TabularOutput {
    private static final Set<String> TABLE_SKIPPED = Set.of("id", "type", "etag");
    private static final String RESULT_COLUMN = "Result";

    private TabularOutput() {
    }

    /** The answer as a table, lines ending in a line break; nothing for an empty array. */
    public static String table(JsonValue answer) {
        List<Map<String, String>> rows = rows(answer).stream().map(TabularOutput::tableRow).toList();
        Set<String> columns = new LinkedHashSet<>();
        rows.forEach(row -> columns.addAll(row.keySet()));
        if (columns.isEmpty()) {
            return "";
        }
        Map<String, Integer> widths = new LinkedHashMap<>();
        for (String column : columns) {
            int width = column.length();
            for (Map<String, String> row : rows) {
                width = Math.max(width, row.getOrDefault(column, "").length());
            }
            widths.put(column, width);
        }
        StringBuilder out = new StringBuilder();
        line(out, widths, columns.stream().collect(Collectors.toMap(column -> column, column -> column)));
        line(out, widths, columns.stream().collect(Collectors.toMap(column -> column, column -> "-".repeat(widths.get(column)))));
        rows.forEach(row -> line(out, widths, row));
        return out.toString();
    }

    /** The answer as tab-separated values, a line per row. */
    public static String tsv(JsonValue answer) {
        StringBuilder out = new StringBuilder();
        for (JsonValue row : rows(answer)) {
            List<String> fields = switch (row) {
                case JsonObject object -> object.values().stream().map(TabularOutput::tsvField).toList();
                case JsonArray array -> array.stream().map(TabularOutput::tsvField).toList();
                default -> List.of(scalar(row));
            };
            out.append(String.join("\t", fields)).append('\n');
        }
        return out.toString();
    }

    private static List<JsonValue> rows(JsonValue answer) {
        return answer instanceof JsonArray array ? array : List.of(answer);
    }

    private static Map<String, String> tableRow(JsonValue row) {
        Map<String, String> cells = new LinkedHashMap<>();
        if (row instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                cells.put("Column" + (i + 1), scalarOrEmpty(array.get(i)));
            }
            return cells;
        }
        if (!(row instanceof JsonObject object)) {
            cells.put(RESULT_COLUMN, scalarOrEmpty(row));
            return cells;
        }
        object.forEach((name, value) -> {
            if (!TABLE_SKIPPED.contains(name) && isScalar(value) && value != JsonValue.NULL) {
                cells.put(name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1), scalar(value));
            }
        });
        return cells;
    }

    private static void line(StringBuilder out, Map<String, Integer> widths, Map<String, String> cells) {
        List<String> padded = new ArrayList<>();
        widths.forEach((column, width) -> padded.add(String.format("%-" + width + "s", cells.getOrDefault(column, ""))));
        out.append(String.join("  ", padded).stripTrailing()).append('\n');
    }

    private static String tsvField(JsonValue value) {
        return switch (value) {
            case JsonArray array -> Integer.toString(array.size());
            case JsonObject object -> "";
            default -> scalar(value);
        };
    }

    private static String scalarOrEmpty(JsonValue value) {
        return isScalar(value) ? scalar(value) : "";
    }

    private static boolean isScalar(JsonValue value) {
        return !(value instanceof JsonObject) && !(value instanceof JsonArray);
    }

    private static String scalar(JsonValue value) {
        return switch (value) {
            case JsonString string -> string.getString();
            case JsonNumber number -> number.toString();
            default -> value == JsonValue.TRUE ? "True" : value == JsonValue.FALSE ? "False" : "";
        };
    }
}
