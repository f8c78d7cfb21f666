package dev.dpsrig.simulator.fuzz;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cases whose connection ended without every answer they asked for, by what the fuzzer last did to the request
 * (mutations apply from the body's content out to the framing and the request line, so the last is the one nearest the
 * wire): those that got no answer at all, and those answered before the server closed (the rest of a pipeline, or of
 * a body the server could not read past, after the answer). Each line names the mutation and the first case that
 * met it, so that a reader can rerun it and judge whether the server could have answered.
 */
final class UnansweredCases {
    /** A mutation's detail is kept in its label when it is a short variant without numbers ({@code CL.TE}), else left out. */
    private static final int SHORT_DETAIL = 24;
    /** Lines shown for the answered-then-closed cases; they are expected, so the rest are only counted. */
    private static final int CLOSED_AFTER_ANSWERING_SHOWN = 8;
    private static final String NO_ANSWER = "closed, no answer";
    /**
     * Why a mutation's cases get no answer, where none can be given: the bytes sent end inside the body, and the
     * client then ends its stream (as this fuzzer's client does once it has written).
     */
    private static final String ENDS_INSIDE_BODY = "not answerable: the request ends inside its body, then the client's TLS"
            + " close_notify, after which the web server's TLS sends nothing; RFC 9112 (section 8) says to close";
    private static final Map<String, String> WHY_NO_ANSWER = Map.of(
            "framing.length-long", ENDS_INSIDE_BODY,
            "framing.unterminated-chunks", ENDS_INSIDE_BODY);

    private final Map<String, long[]> noAnswer = new TreeMap<>();
    private final Map<String, long[]> closedAfterAnswering = new TreeMap<>();

    /** Files case {@code index} under its last mutation when its connection ended without all its answers. */
    void record(int index, List<String> mutations, Exchange exchange) {
        if (exchange.answers().isEmpty()) {
            String end = exchange.statusKey().equals(NO_ANSWER) ? "" : " (" + exchange.statusKey() + ")";
            count(noAnswer, label(mutations) + end, index);
        } else if (exchange.end() == Exchange.End.CLOSED) {
            count(closedAfterAnswering, label(mutations), index);
        }
    }

    private static void count(Map<String, long[]> counts, String label, int index) {
        counts.computeIfAbsent(label, l -> new long[] {0, index})[0]++;
    }

    /** The last mutation as the report names it: its name, and its detail when that is a short variant without numbers. */
    static String label(List<String> mutations) {
        if (mutations.isEmpty()) {
            return "no mutation";
        }
        String mutation = mutations.getLast();
        int space = mutation.indexOf(' ');
        if (space < 0) {
            return mutation;
        }
        String detail = mutation.substring(space + 1);
        return detail.length() > SHORT_DETAIL || detail.chars().anyMatch(Character::isDigit) ? mutation.substring(0, space)
                : Printable.escape(mutation);
    }

    /** Prints both breakdowns, most frequent first; nothing for a run in which every case was answered in full. */
    void print(PrintWriter out) {
        print(out, "no answer, by mutation kind", noAnswer, Integer.MAX_VALUE, WHY_NO_ANSWER);
        print(out, "closed after answering (the rest of the bytes sent unanswered), by mutation kind", closedAfterAnswering,
                CLOSED_AFTER_ANSWERING_SHOWN, Map.of());
    }

    /** @param why what is known of why a kind ends so, by label */
    private static void print(PrintWriter out, String title, Map<String, long[]> counts, int shown, Map<String, String> why) {
        if (counts.isEmpty()) {
            return;
        }
        out.println(title + ": " + counts.values().stream().mapToLong(c -> c[0]).sum());
        List<Map.Entry<String, long[]>> sorted = counts.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0]).reversed()
                        .thenComparing(Map.Entry.comparingByKey())).toList();
        sorted.stream().limit(shown).forEach(e -> out.println("  " + e.getKey() + ": " + e.getValue()[0] + " (first: case " + e.getValue()[1] + ")"
                + (why.containsKey(e.getKey()) ? "; " + why.get(e.getKey()) : "")));
        if (sorted.size() > shown) {
            out.println("  ... and " + (sorted.size() - shown) + " more kinds");
        }
    }
}
