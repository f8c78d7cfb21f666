package dev.dpsrig.simulator.http;

/**
 * The HTTP/1.1 grammar of a request line and a header line (RFC 9112 sections 3 and 5, RFC 9110
 * section 5.6.2), checked on their text as ISO-8859-1. Each check answers what is wrong in words a
 * client's author can act on, or null when the line is well formed.
 */
final class RequestSyntax {
    private static final int SHOWN = 40;

    private RequestSyntax() {
    }

    /** What is wrong with {@code method SP request-target SP HTTP-version}, or null. */
    static String requestLineProblem(String line) {
        String control = firstForbidden(line, false);
        if (control != null) {
            return "the request line has " + control;
        }
        int first = line.indexOf(' ');
        int last = line.lastIndexOf(' ');
        if (first <= 0 || last == first || line.indexOf(' ', first + 1) != last) {
            return "the request line '" + shown(line) + "' is not a method, a target and an HTTP version separated by single spaces";
        }
        String method = line.substring(0, first);
        if (!isToken(method)) {
            return "the method '" + shown(method) + "' is not an HTTP token";
        }
        String version = line.substring(last + 1);
        if (!version.matches("HTTP/[0-9]\\.[0-9]")) {
            return "the HTTP version '" + shown(version) + "' is not of the form HTTP/1.1";
        }
        return null;
    }

    /** What is wrong with {@code field-name ":" OWS field-value OWS}, or null. */
    static String headerLineProblem(String line) {
        if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
            return "a header line starts with white space (obsolete line folding is not taken)";
        }
        int colon = line.indexOf(':');
        if (colon < 0) {
            return "the header line '" + shown(line) + "' has no colon";
        }
        String name = line.substring(0, colon);
        if (name.isEmpty()) {
            return "a header line has an empty field name";
        }
        if (!isToken(name)) {
            return "the header name '" + shown(name) + "' is not an HTTP token (no spaces or separators, and none before the colon)";
        }
        String control = firstForbidden(line.substring(colon + 1), true);
        if (control != null) {
            return "the value of header '" + shown(name) + "' has " + control;
        }
        return null;
    }

    /**
     * The first byte a line may not carry, described, or null: control characters (but a tab in a
     * header value) anywhere, and in a request line also bytes outside ASCII.
     */
    private static String firstForbidden(String text, boolean headerValue) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 && !(headerValue && c == '\t') || c == 0x7f;
            if (control || !headerValue && c > 0x7e) {
                return String.format("%s byte 0x%02X at position %d", control ? "a control" : "a non-ASCII", (int) c, i + 1);
            }
        }
        return null;
    }

    private static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean alphanumeric = c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
            if (!alphanumeric && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static String shown(String text) {
        return text.length() > SHOWN ? text.substring(0, SHOWN) + "..." : text;
    }
}
