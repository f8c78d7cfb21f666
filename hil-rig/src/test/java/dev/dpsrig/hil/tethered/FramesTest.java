package dev.dpsrig.hil.tethered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FramesTest {

    @Test
    void crcIsCcittFalse() {
        assertThat(Crc16.hex("123456789")).isEqualTo("29B1");
        assertThat(Crc16.hex("")).isEqualTo("FFFF");
    }

    @Test
    void requestsAndRepliesRoundTrip() {
        TetheredRequest request = new TetheredRequest(42, Command.SIGN, List.of("SHA256withECDSA", "AAEC"));
        String line = Frames.encode(request);

        assertThat(line).isEqualTo(">42 SIGN SHA256withECDSA AAEC*" + Crc16.hex(">42 SIGN SHA256withECDSA AAEC"));
        assertThat(Frames.decodeRequest(line)).isEqualTo(request);
        TetheredReply read = new TetheredReply.Ok(7, "{\"t\": 21.5, \"note\": \"a*b\"}");
        assertThat(Frames.decodeReply(Frames.encode(read))).isEqualTo(read);
        TetheredReply refused = new TetheredReply.Err(9, ErrorCode.KEY_UNAVAILABLE, "secure element locked");
        assertThat(Frames.encode(refused)).startsWith("<9 ERR KEY-UNAVAILABLE secure element locked*");
        assertThat(Frames.decodeReply(Frames.encode(refused))).isEqualTo(refused);
        assertThat(Frames.decodeReply(Frames.encode(new TetheredReply.Ok(3, "")))).isEqualTo(new TetheredReply.Ok(3, ""));
    }

    @Test
    void lowerCaseChecksumDigitsAreAccepted() {
        String line = Frames.encode(new TetheredRequest(5, Command.HELLO, List.of()));

        assertThat(Frames.decodeRequest(line.toLowerCase().replace(">5 hello", ">5 HELLO"))).isEqualTo(
                new TetheredRequest(5, Command.HELLO, List.of()));
    }

    @Test
    void aCorruptedCharacterIsABadChecksumThatStillNamesTheSequence() {
        String line = Frames.encode(new TetheredReply.Ok(12, "1 board-7 x509"));
        String corrupted = line.replace("board-7", "board-8");

        assertThatThrownBy(() -> Frames.decodeReply(corrupted)).isInstanceOfSatisfying(MalformedFrameException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_CHECKSUM);
            assertThat(e.sequence()).isEqualTo(12);
            assertThat(e.line()).isEqualTo(corrupted);
            assertThat(e).hasMessageContaining("does not match");
        });
    }

    @Test
    void damageToTheFrameItselfIsBadFrame() {
        String line = Frames.encode(new TetheredRequest(3, Command.READ, List.of()));

        assertThat(code(() -> Frames.decodeRequest(line.substring(0, line.length() - 2)))).isEqualTo(ErrorCode.BAD_FRAME);
        assertThat(code(() -> Frames.decodeRequest(line.replace('>', '<')))).isEqualTo(ErrorCode.BAD_FRAME);
        assertThat(code(() -> Frames.decodeRequest(line.replace("READ", "RE\u0007D")))).isEqualTo(ErrorCode.BAD_FRAME);
        assertThat(code(() -> Frames.decodeReply("garbage from a reset board"))).isEqualTo(ErrorCode.BAD_FRAME);
        assertThat(code(() -> Frames.decodeReply(sealedBody("<99999 OK")))).isEqualTo(ErrorCode.BAD_FRAME);
        assertThat(code(() -> Frames.decodeReply(sealedBody("<4 MAYBE")))).isEqualTo(ErrorCode.BAD_FRAME);
    }

    @Test
    void overLongLinesAreRefusedOnBothEnds() {
        String tooLong = ">8 SIGN-SAS " + "A".repeat(Frames.MAX_LINE_BYTES);

        assertThatThrownBy(() -> Frames.decodeRequest(tooLong)).isInstanceOfSatisfying(MalformedFrameException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.LINE_TOO_LONG);
            assertThat(e.sequence()).isEqualTo(8);
            assertThat(e).hasMessageContaining("exceeds the 1024-byte limit");
        });
        assertThatThrownBy(() -> Frames.encode(new TetheredReply.Ok(1, "x".repeat(1020))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds 1024");
        String longest = Frames.encode(new TetheredReply.Ok(1, "x".repeat(Frames.MAX_LINE_BYTES - 1 - "<1 OK *CRCX".length())));
        assertThat(longest.length() + 1).isEqualTo(Frames.MAX_LINE_BYTES);
    }

    @Test
    void unknownCommandsAndWrongArgumentCountsKeepTheirSequence() {
        assertThatThrownBy(() -> Frames.decodeRequest(sealedBody(">17 FLASH firmware.bin")))
                .isInstanceOfSatisfying(MalformedFrameException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_COMMAND);
                    assertThat(e.sequence()).isEqualTo(17);
                });
        assertThatThrownBy(() -> Frames.decodeRequest(sealedBody(">18 SIGN SHA256withECDSA")))
                .isInstanceOfSatisfying(MalformedFrameException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
                    assertThat(e.sequence()).isEqualTo(18);
                });
    }

    @Test
    void anErrorCodeThisRigDoesNotKnowIsAnInternalErrorKeepingTheCode() {
        assertThat(Frames.decodeReply(sealedBody("<6 ERR TAMPERED case open")))
                .isEqualTo(new TetheredReply.Err(6, ErrorCode.INTERNAL, "TAMPERED case open"));
    }

    private static String sealedBody(String body) {
        return body + "*" + Crc16.hex(body);
    }

    private static ErrorCode code(Runnable decode) {
        try {
            decode.run();
        } catch (MalformedFrameException e) {
            return e.code();
        }
        throw new AssertionError("decoded without complaint");
    }
}
