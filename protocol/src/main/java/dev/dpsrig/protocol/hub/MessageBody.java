package dev.dpsrig.protocol.hub;

import dev.dpsrig.protocol.WireFormatException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/** The bytes a message carries, which the hub's JSON shows in base64. */
public record MessageBody(byte[] bytes) {

    public MessageBody {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** @throws WireFormatException when the text is not base64 */
    public static MessageBody fromBase64(String text, String what) {
        try {
            return new MessageBody(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            throw new WireFormatException(what + " has a body that is not base64: " + e.getMessage());
        }
    }

    /** The body as text when it is valid UTF-8, which is what nearly every device sends; empty otherwise. */
    public Optional<String> text() {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MessageBody that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "MessageBody[" + bytes.length + " bytes]";
    }
}
