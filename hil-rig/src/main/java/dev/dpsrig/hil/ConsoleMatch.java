package dev.dpsrig.hil;

import java.time.Instant;
import java.util.List;
import java.util.regex.MatchResult;

/** The line an expectation matched, when it arrived, and its groups. */
public record ConsoleMatch(String line, Instant receivedAt, List<String> groups) {

    public ConsoleMatch {
        groups = List.copyOf(groups);
    }

    public static ConsoleMatch of(String line, Instant receivedAt, MatchResult result) {
        String[] groups = new String[result.groupCount()];
        for (int i = 0; i < groups.length; i++) {
            String group = result.group(i + 1);
            groups[i] = group == null ? "" : group;
        }
        return new ConsoleMatch(line, receivedAt, List.of(groups));
    }

    /** Group {@code n}, counted from 1 as in {@link java.util.regex.Matcher#group(int)}. */
    public String group(int n) {
        return groups.get(n - 1);
    }
}
