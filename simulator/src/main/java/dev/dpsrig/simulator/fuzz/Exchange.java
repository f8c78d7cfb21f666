package dev.dpsrig.simulator.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What came back for one request's bytes: the answers read (a pipeline may get several), and how the
 * exchange ended when it did not end with them.
 *
 * @param answers final (non-1xx) answers, in order
 * @param end     how the connection ended
 * @param nanos   from connecting to the end
 */
record Exchange(List<Answer> answers, End end, String detail, long nanos) {

    enum End {
        /** Every expected answer arrived. */
        ANSWERED,
        /** The server closed the connection, after fewer answers than expected (maybe none). */
        CLOSED,
        /** Nothing more came within the read timeout. */
        TIMEOUT,
        /** The connection was reset, or TLS failed after the handshake. */
        RESET,
        /** The TLS handshake failed. */
        HANDSHAKE_FAILED,
        /** No TCP connection at all. */
        CONNECT_FAILED
    }

    /** One HTTP answer. */
    record Answer(int status, String head, byte[] body) {
        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        boolean isServerError() {
            return status >= 500;
        }

        Optional<String> header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return head.lines().skip(1).filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(line -> line.substring(prefix.length()).strip()).findFirst();
        }
    }

    /** The status the counts file this exchange under: the first answer's, else how it ended. */
    String statusKey() {
        if (!answers.isEmpty()) {
            return Integer.toString(answers.getFirst().status());
        }
        return switch (end) {
            case ANSWERED, CLOSED -> "closed, no answer";
            case TIMEOUT -> "timeout, no answer";
            case RESET -> "reset, no answer";
            case HANDSHAKE_FAILED -> "TLS handshake failed";
            case CONNECT_FAILED -> "connect failed";
        };
    }

    boolean anySuccess() {
        return answers.stream().anyMatch(Answer::isSuccess);
    }

    Optional<Answer> firstServerError() {
        return answers.stream().filter(Answer::isServerError).findFirst();
    }

    /** One line for a report: status line and the start of the body. */
    String summary(int bodyChars) {
        if (answers.isEmpty()) {
            return statusKey() + (detail.isEmpty() ? "" : " (" + detail + ")");
        }
        StringBuilder out = new StringBuilder();
        for (Answer answer : answers) {
            if (!out.isEmpty()) {
                out.append(" | then ");
            }
            out.append(answer.head().lines().findFirst().orElse("?"));
            String body = Printable.escape(answer.bodyText());
            if (!body.isEmpty()) {
                out.append(' ').append(body.length() > bodyChars ? body.substring(0, bodyChars) + "..." : body);
            }
        }
        if (end != End.ANSWERED) {
            out.append(" [then ").append(end.name().toLowerCase(Locale.ROOT)).append(detail.isEmpty() ? "" : ": " + detail).append(']');
        }
        return out.toString();
    }
}
