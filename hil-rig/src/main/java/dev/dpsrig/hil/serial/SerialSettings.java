package dev.dpsrig.hil.serial;

import java.time.Duration;

/**
 * A serial line's framing. The read timeout bounds each read of the console's reader thread, so closing
 * a console never waits longer than that for the thread to notice.
 */
public record SerialSettings(PortAddress port, int baud, int dataBits, Parity parity, StopBits stopBits, Duration readTimeout) {

    public static final int DEFAULT_BAUD = 115_200;
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMillis(100);

    public SerialSettings {
        if (baud <= 0) {
            throw new IllegalArgumentException("baud rate must be positive, not " + baud);
        }
        if (dataBits < 5 || dataBits > 8) {
            throw new IllegalArgumentException("data bits must be 5 to 8, not " + dataBits);
        }
        if (readTimeout.isNegative() || readTimeout.isZero() || readTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("read timeout must be a positive number of milliseconds, not " + readTimeout);
        }
    }

    /** 115200 8N1, the framing nearly every development board's console uses. */
    public static SerialSettings of(PortAddress port) {
        return new SerialSettings(port, DEFAULT_BAUD, 8, Parity.NONE, StopBits.ONE, DEFAULT_READ_TIMEOUT);
    }

    /** {@code 115200 8N1}. */
    public String framing() {
        String stop = switch (stopBits) {
            case ONE -> "1";
            case ONE_AND_A_HALF -> "1.5";
            case TWO -> "2";
        };
        return baud + " " + dataBits + parity.name().charAt(0) + stop;
    }
}
