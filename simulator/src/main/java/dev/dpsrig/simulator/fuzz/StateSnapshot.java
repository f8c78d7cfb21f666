package dev.dpsrig.simulator.fuzz;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The simulator's stored state at one moment, by kind, each item one line; equal when nothing changed. */
record StateSnapshot(Map<String, List<String>> state) {

    /** What differs from {@code before}, in words: empty when nothing did. */
    List<String> changesSince(StateSnapshot before) {
        List<String> changes = new ArrayList<>();
        state.forEach((kind, now) -> {
            List<String> then = before.state().getOrDefault(kind, List.of());
            if (Objects.equals(now, then)) {
                return;
            }
            Set<String> thenSet = new HashSet<>(then);
            Set<String> nowSet = new HashSet<>(now);
            List<String> added = now.stream().filter(line -> !thenSet.contains(line)).toList();
            List<String> removed = then.stream().filter(line -> !nowSet.contains(line)).toList();
            StringBuilder change = new StringBuilder(kind).append(" changed:");
            List<String> unpaired = new ArrayList<>(added);
            for (String was : removed.stream().limit(3).toList()) {
                String id = was.substring(0, Math.max(0, was.indexOf(' ')));
                String paired = unpaired.stream().filter(line -> !id.isEmpty() && line.startsWith(id + " ")).findFirst().orElse(null);
                if (paired == null) {
                    change.append(" gone [").append(shorten(was)).append("]");
                } else {
                    unpaired.remove(paired);
                    change.append(" ").append(id).append(" ").append(difference(was, paired));
                }
            }
            unpaired.stream().limit(3).forEach(line -> change.append(" new [").append(shorten(line)).append("]"));
            changes.add(change.toString());
        });
        return changes;
    }

    /** Where two versions of one item part: {@code ...before... [was X | now Y]}, a little context either side. */
    private static String difference(String was, String now) {
        int start = 0;
        while (start < was.length() && start < now.length() && was.charAt(start) == now.charAt(start)) {
            start++;
        }
        int endWas = was.length();
        int endNow = now.length();
        while (endWas > start && endNow > start && was.charAt(endWas - 1) == now.charAt(endNow - 1)) {
            endWas--;
            endNow--;
        }
        String context = was.substring(Math.max(0, start - 50), start);
        return "..." + Printable.escape(context) + "[was '" + shorten(was.substring(start, endWas)) + "' now '"
                + shorten(now.substring(start, endNow)) + "']";
    }

    private static String shorten(String line) {
        String printable = Printable.escape(line);
        return printable.length() > 240 ? printable.substring(0, 240) + "..." : printable;
    }
}
