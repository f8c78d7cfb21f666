package dev.dpsrig.simulator.fuzz;

import dev.dpsrig.simulator.fuzz.Draft.Credentials;
import dev.dpsrig.simulator.fuzz.Draft.Family;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a fuzz run saw: answers by status and by API, the findings, the server's log volume, the pace. */
public final class FuzzReport {
    private static final int FULL_FINDINGS_PER_SIGNATURE = 2;

    /** Where a case's time goes: setting the world up and snapshotting it, the exchange, the check after. */
    enum Phase { PREPARE, EXCHANGE, CHECK }

    private final Fuzzer.Settings settings;
    private final long[] phaseNanos = new long[Phase.values().length];
    private final Map<String, Long> byStatus = new TreeMap<>(FuzzReport::compareStatus);
    private final Map<Family, long[]> byFamily = new EnumMap<>(Family.class);
    private final Map<Credentials, long[]> byCredentials = new EnumMap<>(Credentials.class);
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, Long> rfcRefusals = new TreeMap<>();
    private final List<long[]> slowest = new ArrayList<>();
    private final Map<Integer, String> slowDescriptions = new LinkedHashMap<>();
    private final UnansweredCases unanswered = new UnansweredCases();
    private int cases;
    private boolean stoppedByBudget;
    private double seconds;
    private double setUpSeconds;
    private int unbuilt;
    private String firstUnbuilt = "";
    private ServerLog.Summary log;

    FuzzReport(Fuzzer.Settings settings) {
        this.settings = settings;
    }

    /** Where the report looks up what the server logged for a tracking id; nothing until the run sets it. */
    private Function<String, Optional<String>> logged = id -> Optional.empty();

    void logged(Function<String, Optional<String>> lookup) {
        this.logged = lookup;
    }

    void record(int index, Draft draft, byte[] bytes, Exchange exchange, List<String> changes) {
        cases++;
        byStatus.merge(exchange.statusKey(), 1L, Long::sum);
        long[] family = byFamily.computeIfAbsent(draft.family, f -> new long[5]);
        family[column(exchange)]++;
        family[4] += exchange.nanos();
        long[] credentials = byCredentials.computeIfAbsent(draft.credentials(), c -> new long[4]);
        credentials[column(exchange)]++;
        unanswered.record(index, draft.mutations, exchange);
        String sent = Printable.bytes(bytes, 600);
        String answer = exchange.summary(300);
        exchange.firstServerError().ifPresent(error -> {
            if (allowedByRfc(error.status(), draft.request)) {
                rfcRefusals.merge(error.status() + (error.status() == 505 ? " for version '" + Printable.escape(draft.request.version) + "'"
                        : " for method '" + Printable.escape(shorten(draft.request.method, 20)) + "' or a transfer coding"), 1L, Long::sum);
            } else {
                findings.add(finding(Finding.Kind.SERVER_ERROR, index, draft, sent, exchange, answer, List.of()));
            }
        });
        if (falseAccept(draft, exchange)) {
            findings.add(finding(Finding.Kind.FALSE_ACCEPT, index, draft, sent, exchange, answer, List.of()));
        }
        if (!changes.isEmpty()) {
            findings.add(finding(Finding.Kind.STATE_CHANGED, index, draft, sent, exchange, answer, changes));
        }
        slowest.add(new long[] {exchange.nanos(), index});
        slowest.sort(Comparator.comparingLong((long[] s) -> s[0]).reversed());
        if (slowest.size() > 3) {
            slowest.removeLast();
        }
        if (slowest.stream().anyMatch(s -> s[1] == index)) {
            slowDescriptions.put(index, draft.family.label + " " + draft.operation + " " + draft.mutations + " -> " + exchange.statusKey());
        }
    }

    /** A 2xx to the request whose credentials must be refused, or to anything else in its bytes but a repeat of it. */
    private static boolean falseAccept(Draft draft, Exchange exchange) {
        for (int i = 0; i < exchange.answers().size(); i++) {
            boolean repeat = i == 0 || i - 1 < draft.request.repeats.size() && draft.request.repeats.get(i - 1);
            boolean mustRefuse = !repeat || draft.credentials() == Credentials.INVALID;
            if (mustRefuse && exchange.answers().get(i).isSuccess()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The 5xx answers RFC 9110 and 9112 prescribe for a request the server cannot serve by design: 501
     * for a method it does not implement (every server must implement GET and HEAD; the simulator's routes
     * take POST, PUT and DELETE too) or a transfer coding it does not understand, and 505 for an HTTP
     * version it does not speak (it must speak 1.0 and 1.1).
     */
    static boolean allowedByRfc(int status, RawRequest request) {
        return switch (status) {
            case 501 -> !List.of("GET", "HEAD", "POST", "PUT", "DELETE").contains(request.method)
                    || request.headers.stream().anyMatch(h -> !h.raw() && h.name().equalsIgnoreCase("Transfer-Encoding")
                    && !h.value().strip().equalsIgnoreCase("chunked"));
            case 505 -> !List.of("HTTP/1.0", "HTTP/1.1").contains(request.version);
            default -> false;
        };
    }

    private Finding finding(Finding.Kind kind, int index, Draft draft, String sent, Exchange exchange, String answer, List<String> changes) {
        String cause = switch (kind) {
            case SERVER_ERROR -> exchange.firstServerError().map(error -> cause(error, logged)).orElse("");
            case FALSE_ACCEPT, STATE_CHANGED -> draft.operation + " after " + String.join(" + ", draft.mutations.stream()
                    .map(m -> m.contains(" ") ? m.substring(0, m.indexOf(' ')) : m).toList());
        };
        String status = exchange.firstServerError().filter(e -> kind == Finding.Kind.SERVER_ERROR)
                .map(e -> Integer.toString(e.status())).orElse(exchange.statusKey());
        return new Finding(kind, settings.seed(), index, draft.operation, draft.family.label,
                draft.credentials().name().toLowerCase(Locale.ROOT), List.copyOf(draft.mutations), sent, status, answer, changes, cause);
    }

    /**
     * What a 5xx answer says went wrong, with ids, numbers and quoting taken out, so that answers to one
     * bug group together: its {@code message}, or that it had no body (the HTTP layer's own answer).
     */
    static String cause(Exchange.Answer answer, Function<String, Optional<String>> logged) {
        Matcher tracked = TRACKING_ID.matcher(answer.bodyText());
        if (tracked.find()) {
            return logged.apply(tracked.group(1)).map(failure -> "logged: " + failure).orElse("internal error, not in the log");
        }
        String body = answer.bodyText().replace("\\\"", "\"").replace("\\\\", "\\");
        int at = body.indexOf("\"message\":\"");
        if (at < 0) {
            return body.isBlank() ? "no body: the HTTP layer's own answer" : "body: " + shorten(Printable.escape(body), 60);
        }
        String message = body.substring(at + 11);
        int end = message.indexOf('"');
        message = end < 0 ? message : message.substring(0, end);
        message = message.replace("internal error: ", "");
        int detail = message.indexOf(": ", message.indexOf("Exception") + 1);
        if (message.contains("Exception") && detail > 0) {
            message = message.substring(0, detail) + ": " + message.substring(detail + 2).replaceAll("[0-9][0-9,]*", "N");
        }
        return shorten(message.replaceAll("\\\\u[0-9a-fA-F]{4}", "?"), 90);
    }

    /** The one detail a 500 of the simulator's error path gives: the tracking id of its log line. */
    private static final Pattern TRACKING_ID = Pattern.compile("tracking id ([0-9a-fA-F-]{36})");

    private static int column(Exchange exchange) {
        if (exchange.answers().isEmpty()) {
            return 3;
        }
        int status = exchange.answers().getFirst().status();
        return status >= 500 ? 2 : status >= 300 || status < 200 ? 1 : 0;
    }

    void time(Phase phase, long nanos) {
        phaseNanos[phase.ordinal()] += nanos;
    }

    void setUp(double seconds) {
        this.setUpSeconds = seconds;
    }

    void unbuilt(int index, RuntimeException e) {
        if (unbuilt++ == 0) {
            firstUnbuilt = "case " + index + ": " + e;
        }
    }

    void stoppedByBudget() {
        stoppedByBudget = true;
    }

    void finish(double seconds, ServerLog.Summary log) {
        this.seconds = seconds;
        this.log = log;
    }

    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    public Map<String, Long> statusCounts() {
        return new LinkedHashMap<>(byStatus);
    }

    public int cases() {
        return cases;
    }

    public double seconds() {
        return seconds;
    }

    public double casesPerSecond() {
        return seconds > 0 ? cases / seconds : 0;
    }

    /** Requests whose credentials had to be refused that got a 2xx. */
    public long falseAccepts() {
        return findings.stream().filter(f -> f.kind() == Finding.Kind.FALSE_ACCEPT).count();
    }

    /**
     * Prints the whole report.
     *
     * @param reproduce how to rerun one case, with {@code %d} for the seed and then the index
     */
    public void print(PrintWriter out, String reproduce) {
        out.printf(Locale.ROOT, "fuzz: seed %d, %d cases in %.1f s (%.1f cases/s; %.1f s more to set up) on %d cores, Java %s; %s%n",
                settings.seed(), cases, seconds, casesPerSecond(), setUpSeconds, Runtime.getRuntime().availableProcessors(), Runtime.version(),
                settings.only().isPresent() ? "case " + settings.only().get() + " only"
                        : stoppedByBudget ? "stopped by the time budget of " + settings.budget().toSeconds() + " s"
                        : "all " + settings.requests() + " cases run");
        if (unbuilt > 0) {
            out.printf(Locale.ROOT, "cases the fuzzer could not build (its own bug, skipped): %d, the first %s%n", unbuilt, firstUnbuilt);
        }
        if (cases > 0) {
            out.printf(Locale.ROOT, "time per case: %.1f ms restoring the world and taking the state before, %.1f ms on the wire,"
                    + " %.1f ms comparing the state after%n", phaseNanos[0] / 1e6 / cases, phaseNanos[1] / 1e6 / cases, phaseNanos[2] / 1e6 / cases);
        }
        StringBuilder statuses = new StringBuilder();
        byStatus.forEach((status, count) -> statuses.append(statuses.isEmpty() ? "" : ", ").append(status).append(": ").append(count));
        out.println("answers by status: " + statuses);
        out.printf(Locale.ROOT, "  %-22s %7s %7s %7s %10s %12s%n", "by API", "2xx", "4xx", "5xx", "no answer", "ms per case");
        byFamily.forEach((family, counts) -> out.printf(Locale.ROOT, "  %-22s %7d %7d %7d %10d %12.1f%n", family.label, counts[0], counts[1],
                counts[2], counts[3], counts[4] / 1e6 / Math.max(1, counts[0] + counts[1] + counts[2] + counts[3])));
        byCredentials.forEach((credentials, counts) -> out.printf(Locale.ROOT, "  %-22s %7d %7d %7d %10d%n",
                "credentials " + credentials.name().toLowerCase(Locale.ROOT), counts[0], counts[1], counts[2], counts[3]));
        unanswered.print(out);
        long serverErrors = findings.stream().filter(f -> f.kind() == Finding.Kind.SERVER_ERROR).count();
        long stateChanges = findings.stream().filter(f -> f.kind() == Finding.Kind.STATE_CHANGED).count();
        Map<String, List<Finding>> bySignature = new LinkedHashMap<>();
        findings.forEach(f -> bySignature.computeIfAbsent(f.signature(), s -> new ArrayList<>()).add(f));
        out.printf(Locale.ROOT, "findings: %d (%d 5xx answers, %d false accepts, %d state changes after a refusal), %d distinct%n",
                findings.size(), serverErrors, falseAccepts(), stateChanges, bySignature.size());
        if (!rfcRefusals.isEmpty()) {
            out.println("5xx answers RFC 9110 prescribes, not findings: " + rfcRefusals.entrySet().stream()
                    .map(e -> e.getValue() + "x " + e.getKey()).collect(java.util.stream.Collectors.joining(", ")));
        }
        bySignature.forEach((signature, alike) -> out.printf(Locale.ROOT, "  %4dx  %s  (first: case %d)%n", alike.size(), signature,
                alike.getFirst().index()));
        if (!findings.isEmpty()) {
            out.println("findings in full (" + FULL_FINDINGS_PER_SIGNATURE + " alike at most), each with the command that reruns it:");
            bySignature.values().forEach(alike -> alike.stream().limit(FULL_FINDINGS_PER_SIGNATURE).forEach(f -> printFinding(out, f, reproduce)));
        }
        if (log != null) {
            out.printf(Locale.ROOT, "server log during the run: %d records (%d errors), %d stack frames, %d lines on stderr"
                    + " (about %d lines on a console)%n", log.records(), log.errors(), log.stackFrames(), log.stderrLines(), log.lines());
            log.firstMessages().forEach((message, count) -> out.printf(Locale.ROOT, "  %5dx %s%s%n", count, Printable.escape(message),
                    log.firstCases().getOrDefault(message, -1) < 0 ? "" : " (first during case " + log.firstCases().get(message) + ")"));
        }
        if (!slowest.isEmpty()) {
            out.println("slowest cases:");
            slowest.forEach(s -> out.printf(Locale.ROOT, "  case %d: %.2f s, %s%n", s[1], s[0] / 1e9,
                    Printable.escape(shorten(slowDescriptions.getOrDefault((int) s[1], ""), 300))));
        }
        out.flush();
    }

    private static void printFinding(PrintWriter out, Finding f, String reproduce) {
        out.printf(Locale.ROOT, "  case %d: %s, %s %s, credentials %s%n", f.index(), f.kind().label, f.family(), f.operation(), f.credentials());
        out.println("    mutations: " + (f.mutations().isEmpty() ? "none" : Printable.escape(shorten(String.join("; ", f.mutations()), 400))));
        out.println("    sent:      " + f.request());
        out.println("    answer:    " + f.answer());
        f.changes().forEach(change -> out.println("    changed:   " + change));
        out.println("    rerun:     " + String.format(Locale.ROOT, reproduce, f.seed(), f.index()));
    }

    private static String shorten(String text, int limit) {
        return text.length() > limit ? text.substring(0, limit) + "..." : text;
    }

    /** Numbers in order, then the ways a connection ended without an answer. */
    private static int compareStatus(String a, String b) {
        boolean aNumber = a.chars().allMatch(Character::isDigit);
        boolean bNumber = b.chars().allMatch(Character::isDigit);
        if (aNumber && bNumber) {
            return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
        }
        return aNumber ? -1 : bNumber ? 1 : a.compareTo(b);
    }
}
