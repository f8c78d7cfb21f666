package dev.dpsrig.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding as Python's {@code urllib.parse.quote_plus} does it, which is what the DPS
 * walkthrough's token generator uses: letters, digits and {@code _.-~} stay, a space becomes
 * {@code +}, every other byte becomes upper-case {@code %XX}. {@link java.net.URLEncoder} differs
 * on {@code *} and {@code ~}, so a signature made with it would not match the walkthrough's.
 */
public final class UrlEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UrlEncoding() {
    }

    static String quotePlus(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '-' || c == '~') {
                out.append((char) c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(HEX[c >>> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    /**
     * Encodes a value as one URL path segment: unreserved characters stay, every other byte becomes
     * {@code %XX} (so a {@code /} or a space inside an id stays inside its segment).
     */
    public static String encodePathSegment(String value) {
        return quotePlus(value).replace("+", "%20");
    }

    /** Decodes {@code %XX} (either case) and {@code +}; refuses a malformed escape. */
    static String decode(String value) {
        return decode(value, true);
    }

    /**
     * Decodes a URL path segment: {@code %XX} only, a {@code +} stays itself.
     *
     * @throws IllegalArgumentException when an escape is malformed
     */
    public static String decodePathSegment(String value) {
        return decode(value, false);
    }

    private static String decode(String value, boolean plusIsSpace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
        int i = 0;
        while (i < value.length()) {
            int c = value.codePointAt(i);
            if (c == '%') {
                if (i + 2 >= value.length()) {
                    throw new IllegalArgumentException("incomplete %-escape at position " + i);
                }
                int high = Character.digit(value.charAt(i + 1), 16);
                int low = Character.digit(value.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw new IllegalArgumentException("bad %-escape '" + value.substring(i, i + 3) + "'");
                }
                out.write((high << 4) | low);
                i += 3;
            } else {
                byte[] bytes = (c == '+' && plusIsSpace ? " " : Character.toString(c)).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
                i += Character.charCount(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
