package dev.dpsrig.hil.check;

import java.util.ArrayList;
import java.util.List;

/** Renders {@code rig check} rows as an aligned text table, then each failed board's problems in full. */
public final class CheckTable {
    private static final List<String> HEADER = List.of("BOARD", "PORT", "LINES", "ANSWER", "VERDICT");

    private CheckTable() {
    }

    public static String render(List<CheckRow> rows) {
        List<List<String>> cells = new ArrayList<>();
        cells.add(HEADER);
        rows.forEach(row -> cells.add(List.of(row.board(), row.port(), row.lines(), firstLine(row.answer()),
                row.passed() ? "PASS" : "FAIL")));
        int[] widths = new int[HEADER.size()];
        cells.forEach(line -> {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        });
        StringBuilder text = new StringBuilder();
        for (List<String> line : cells) {
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                row.append(i == 0 ? "" : "  ").append(i == widths.length - 1 ? line.get(i) : pad(line.get(i), widths[i]));
            }
            text.append(row.toString().stripTrailing()).append('\n');
        }
        rows.stream().filter(row -> !row.passed()).forEach(row -> row.problems()
                .forEach(problem -> text.append(row.board()).append(": ").append(problem.replace("\n", "\n    ")).append('\n')));
        return text.toString();
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
