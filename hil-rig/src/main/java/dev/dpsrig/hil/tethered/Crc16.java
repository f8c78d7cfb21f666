package dev.dpsrig.hil.tethered;

import java.nio.charset.StandardCharsets;

/**
 * CRC-16/CCITT-FALSE (polynomial 0x1021, initial 0xFFFF, no reflection, no final XOR), the variant
 * most embedded CRC routines and lookup tables implement; {@code "123456789"} gives {@code 29B1}.
 */
final class Crc16 {
    private Crc16() {
    }

    static int of(String ascii) {
        int crc = 0xFFFF;
        for (byte b : ascii.getBytes(StandardCharsets.US_ASCII)) {
            crc ^= (b & 0xFF) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            crc &= 0xFFFF;
        }
        return crc;
    }

    /** Four upper-case hex digits, as frames carry it. */
    static String hex(String ascii) {
        return String.format("%04X", of(ascii));
    }
}
