package dev.dpsrig.simulator.fuzz;

import java.nio.charset.StandardCharsets;

/** Bytes and text made safe for one line of a report: control characters and non-ASCII as escapes. */
final class Printable {
    private Printable() {
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || Character.isSurrogate(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * A request's bytes as one line: printable ASCII as it is, CR LF as {@code \r\n}, any other byte as
     * {@code \xNN}; long runs of one byte are shortened to {@code <N x 'c'>} so a 1 MB header stays readable.
     */
    static String bytes(byte[] bytes, int limit) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < bytes.length && out.length() < limit) {
            int run = 1;
            while (i + run < bytes.length && bytes[i + run] == bytes[i]) {
                run++;
            }
            if (run >= 16) {
                out.append("<").append(run).append(" x ").append(one(bytes[i])).append(">");
                i += run;
                continue;
            }
            out.append(one(bytes[i]));
            i++;
        }
        if (i < bytes.length) {
            out.append("... (").append(bytes.length).append(" bytes in all)");
        }
        return out.toString();
    }

    private static String one(byte b) {
        int c = b & 0xff;
        return switch (c) {
            case '\r' -> "\\r";
            case '\n' -> "\\n";
            case '\\' -> "\\\\";
            default -> c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c);
        };
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
