package dev.dpsrig.hil.check;

import java.util.List;

/** One board's line of the {@code rig check} table; {@code problems} is empty when it passed. */
public record CheckRow(String board, String port, String lines, String answer, List<String> problems) {
    public CheckRow {
        problems = List.copyOf(problems);
    }

    public boolean passed() {
        return problems.isEmpty();
    }
}
