package dev.dpsrig.hil.tethered;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Encodes and decodes the frames of the tethered protocol (see {@code TETHERED-PROTOCOL.md}):
 * one printable-ASCII line each, a marker ({@code >} request, {@code <} reply), a sequence number,
 * the content, then {@code *} and the CRC-16/CCITT-FALSE of everything before the {@code *}.
 */
public final class Frames {
    /** The longest line either end sends or accepts, line feed included: a board can size its buffer by it. */
    public static final int MAX_LINE_BYTES = 1024;
    public static final int MAX_SEQUENCE = 65535;
    static final char REQUEST = '>';
    static final char REPLY = '<';

    private Frames() {
    }

    public static String encode(TetheredRequest request) {
        StringBuilder body = new StringBuilder().append(REQUEST).append(request.sequence()).append(' ').append(request.command().word());
        for (String argument : request.arguments()) {
            if (argument.isEmpty() || argument.indexOf(' ') >= 0) {
                throw new IllegalArgumentException(request.command().word() + " argument '" + argument + "' is empty or has a space");
            }
            body.append(' ').append(argument);
        }
        return sealed(body.toString(), request.sequence());
    }

    public static String encode(TetheredReply reply) {
        String body = switch (reply) {
            case TetheredReply.Ok ok -> REPLY + "" + ok.sequence() + " OK" + (ok.payload().isEmpty() ? "" : " " + ok.payload());
            case TetheredReply.Err err -> REPLY + "" + err.sequence() + " ERR " + err.code().word()
                    + (err.text().isEmpty() ? "" : " " + err.text());
        };
        return sealed(body, reply.sequence());
    }

    public static TetheredRequest decodeRequest(String line) {
        List<String> words = words(line, REQUEST);
        int sequence = sequence(line, words.getFirst());
        if (words.size() < 2) {
            throw new MalformedFrameException(line, ErrorCode.BAD_FRAME, sequence, "request has no command");
        }
        Command command = Command.ofWord(words.get(1)).orElseThrow(() -> new MalformedFrameException(
                line, ErrorCode.UNKNOWN_COMMAND, sequence, "unknown command '" + words.get(1) + "'"));
        List<String> arguments = words.subList(2, words.size());
        if (arguments.size() != command.arguments()) {
            throw new MalformedFrameException(line, ErrorCode.BAD_ARGUMENT, sequence,
                    command.word() + " takes " + command.arguments() + " argument(s), got " + arguments.size());
        }
        return new TetheredRequest(sequence, command, arguments);
    }

    public static TetheredReply decodeReply(String line) {
        String body = verifiedBody(line, REPLY);
        String[] parts = body.split(" ", 3);
        int sequence = sequence(line, parts[0]);
        if (parts.length >= 2 && parts[1].equals("OK")) {
            return new TetheredReply.Ok(sequence, parts.length == 3 ? parts[2] : "");
        }
        if (parts.length >= 3 && parts[1].equals("ERR")) {
            String[] codeAndText = parts[2].split(" ", 2);
            String text = codeAndText.length == 2 ? codeAndText[1] : "";
            Optional<ErrorCode> code = ErrorCode.ofWord(codeAndText[0]);
            // A code from a newer firmware is not retried: it is an answer, only one this rig cannot name.
            return code.map(known -> new TetheredReply.Err(sequence, known, text))
                    .orElseGet(() -> new TetheredReply.Err(sequence, ErrorCode.INTERNAL, codeAndText[0] + " " + text));
        }
        throw new MalformedFrameException(line, ErrorCode.BAD_FRAME, sequence, "reply is neither OK nor ERR <code>");
    }

    /** The line shortened for messages and events: sign requests and certificates are long. */
    public static String abbreviate(String line) {
        return line.length() <= 120 ? line : line.substring(0, 100) + "…(" + line.length() + " chars)";
    }

    private static String sealed(String body, int sequence) {
        if (sequence < 0 || sequence > MAX_SEQUENCE) {
            throw new IllegalArgumentException("sequence " + sequence + " is outside 0.." + MAX_SEQUENCE);
        }
        String line = body + "*" + Crc16.hex(body);
        if (line.length() + 1 > MAX_LINE_BYTES) {
            throw new IllegalArgumentException("frame of " + (line.length() + 1) + " bytes exceeds " + MAX_LINE_BYTES + ": "
                    + abbreviate(line));
        }
        for (int i = 0; i < line.length(); i++) {
            if (!printable(line.charAt(i))) {
                throw new IllegalArgumentException("frame has a non-printable or non-ASCII character at column " + (i + 1));
            }
        }
        return line;
    }

    private static List<String> words(String line, char marker) {
        return Arrays.asList(verifiedBody(line, marker).split(" ", -1));
    }

    /** Checks length, marker, characters and CRC; answers the body without its marker. */
    private static String verifiedBody(String line, char marker) {
        if (line.length() + 1 > MAX_LINE_BYTES) {
            throw new MalformedFrameException(line, ErrorCode.LINE_TOO_LONG, leadingSequence(line),
                    "line of " + (line.length() + 1) + " bytes exceeds the " + MAX_LINE_BYTES + "-byte limit");
        }
        if (line.isEmpty() || line.charAt(0) != marker) {
            throw new MalformedFrameException(line, ErrorCode.BAD_FRAME, 0, "frame does not start with '" + marker + "'");
        }
        for (int i = 0; i < line.length(); i++) {
            if (!printable(line.charAt(i))) {
                throw new MalformedFrameException(line, ErrorCode.BAD_FRAME, leadingSequence(line), String.format(
                        "character 0x%02X at column %d is not printable ASCII", (int) line.charAt(i), i + 1));
            }
        }
        int star = line.lastIndexOf('*');
        if (star < 0 || line.length() - star != 5 || !line.substring(star + 1).matches("[0-9A-Fa-f]{4}")) {
            throw new MalformedFrameException(line, ErrorCode.BAD_FRAME, leadingSequence(line),
                    "frame does not end with '*' and four hex digits of CRC");
        }
        String body = line.substring(0, star);
        String expected = Crc16.hex(body);
        if (!expected.equalsIgnoreCase(line.substring(star + 1))) {
            throw new MalformedFrameException(line, ErrorCode.BAD_CHECKSUM, leadingSequence(line),
                    "checksum " + line.substring(star + 1) + " does not match the content's " + expected);
        }
        return body.substring(1);
    }

    private static int sequence(String line, String digits) {
        if (!digits.matches("\\d{1,5}") || Integer.parseInt(digits) > MAX_SEQUENCE) {
            throw new MalformedFrameException(line, ErrorCode.BAD_FRAME, 0, "sequence number '" + digits + "' is not 0.." + MAX_SEQUENCE);
        }
        return Integer.parseInt(digits);
    }

    /** The sequence number of a damaged frame, when its first characters still read as one; else 0. */
    private static int leadingSequence(String line) {
        int end = 1;
        while (end < line.length() && end <= 5 && line.charAt(end) >= '0' && line.charAt(end) <= '9') {
            end++;
        }
        if (end == 1 || end >= line.length() || line.charAt(end) != ' ') {
            return 0;
        }
        int sequence = Integer.parseInt(line.substring(1, end));
        return sequence <= MAX_SEQUENCE ? sequence : 0;
    }

    private static boolean printable(char c) {
        return c >= 0x20 && c <= 0x7E;
    }
}
