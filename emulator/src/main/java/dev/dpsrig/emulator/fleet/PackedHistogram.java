package dev.dpsrig.emulator.fleet;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * A latency histogram kept packed: the compressed HdrHistogram encoding, base64, as report.json stores it. Seconds of a
 * fleet run are kept so (two digits of precision), so a run of hours holds a few hundred bytes a second.
 */
public record PackedHistogram(String hdr) {
    /** A histogram with nothing in it. */
    public static final PackedHistogram EMPTY = of(empty());

    /** A new, empty histogram of the precision seconds are kept at. */
    static Histogram empty() {
        Histogram histogram = new Histogram(2);
        histogram.setAutoResize(true);
        return histogram;
    }

    static PackedHistogram of(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return new PackedHistogram(Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length)));
    }

    /** The histogram itself (microseconds). */
    public Histogram unpack() {
        try {
            Histogram histogram = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(hdr)), 0);
            histogram.setAutoResize(true);
            return histogram;
        } catch (DataFormatException | IllegalArgumentException e) {
            throw new IllegalArgumentException("a latency histogram cannot be decoded: " + e.getMessage(), e);
        }
    }

    /** This second's values and {@code other}'s, exactly. */
    PackedHistogram plus(PackedHistogram other) {
        Histogram sum = unpack();
        Histogram more = other.unpack();
        if (sum.getTotalCount() == 0 || more.getTotalCount() == 0) {
            return sum.getTotalCount() == 0 ? other : this;
        }
        sum.add(more);
        return of(sum);
    }
}
