package dev.dpsrig.protocol;

import java.util.Base64;

/**
 * Keys and signatures as base64 text, decoded with a refusal a user can act on: where Java says
 * {@code Illegal base64 character 20}, this says {@code the symmetric key is not base64: character ' ' at position 9}.
 */
public final class Base64Text {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";

    private Base64Text() {
    }

    /**
     * The bytes {@code text} encodes.
     *
     * @param what what the text is, as the refusal names it: {@code the symmetric key}
     * @throws IllegalArgumentException naming {@code what} and the first character, or the length, that is wrong
     */
    public static byte[] decode(String text, String what) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not base64: " + problem(text), e);
        }
    }

    /** The first character outside the base64 alphabet and its position (from 1), or else what is wrong with the length or padding. */
    static String problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (ALPHABET.indexOf(c) < 0) {
                String shown = Character.isISOControl(c) || Character.isWhitespace(c) && c != ' '
                        ? String.format("U+%04X", (int) c) : "'" + c + "'";
                return "character " + shown + " at position " + (i + 1);
            }
        }
        int padding = text.indexOf('=');
        if (padding >= 0 && padding < text.length() - 2 || padding >= 0 && text.substring(padding).chars().anyMatch(c -> c != '=')) {
            return "'=' at position " + (padding + 1) + " is not at the end";
        }
        return text.length() + " characters, not a whole number of base64 groups (a multiple of 4, '=' padded)";
    }
}
