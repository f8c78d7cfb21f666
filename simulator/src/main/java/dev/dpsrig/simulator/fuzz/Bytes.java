package dev.dpsrig.simulator.fuzz;

import java.io.ByteArrayOutputStream;

/** Byte arrays the mutations build bodies and invalid text from. */
final class Bytes {
    private Bytes() {
    }

    /** The bytes with these values, each taken modulo 256. */
    static byte[] of(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    /** The parts one after the other. */
    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
