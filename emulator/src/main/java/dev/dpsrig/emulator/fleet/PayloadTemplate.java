package dev.dpsrig.emulator.fleet;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A telemetry body with variables, parsed once and rendered per message:
 * {@code ${deviceId}}, {@code ${index}} (the device's fleet index), {@code ${sequence}} (0, 1, ... per device),
 * {@code ${time}} (ISO-8601 send time), and {@code ${random:LOW:HIGH}}, a uniform number in [LOW, HIGH]:
 * whole when both bounds are whole, otherwise with as many decimals as the more precise bound.
 * {@code $$} is a literal {@code $}. Random values come from the device's seeded generator, so a run repeats.
 */
public final class PayloadTemplate {
    public static final String DEFAULT = "{\"deviceId\":\"${deviceId}\",\"index\":${index},\"seq\":${sequence},"
            + "\"time\":\"${time}\",\"temperature\":${random:20:30}}";

    private sealed interface Part {
    }

    private record Literal(String text) implements Part {
    }

    private enum Variable implements Part {
        DEVICE_ID, INDEX, SEQUENCE, TIME
    }

    private record RandomRange(BigDecimal low, BigDecimal high, int scale) implements Part {
    }

    private final String source;
    private final List<Part> parts;

    private PayloadTemplate(String source, List<Part> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
    }

    public static PayloadTemplate parse(String template) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '$' && i + 1 < template.length() && template.charAt(i + 1) == '$') {
                literal.append('$');
                i += 2;
            } else if (c == '$' && i + 1 < template.length() && template.charAt(i + 1) == '{') {
                int end = template.indexOf('}', i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("payload template: '${' at " + i + " is not closed with '}'");
                }
                if (!literal.isEmpty()) {
                    parts.add(new Literal(literal.toString()));
                    literal.setLength(0);
                }
                parts.add(variable(template.substring(i + 2, end).strip()));
                i = end + 1;
            } else {
                literal.append(c);
                i++;
            }
        }
        if (!literal.isEmpty()) {
            parts.add(new Literal(literal.toString()));
        }
        return new PayloadTemplate(template, parts);
    }

    private static Part variable(String name) {
        switch (name) {
            case "deviceId":
                return Variable.DEVICE_ID;
            case "index":
                return Variable.INDEX;
            case "sequence":
            case "seq":
                return Variable.SEQUENCE;
            case "time":
                return Variable.TIME;
            default:
                break;
        }
        if (name.startsWith("random:")) {
            String[] bounds = name.substring("random:".length()).split(":", -1);
            if (bounds.length == 2) {
                try {
                    BigDecimal low = new BigDecimal(bounds[0].strip());
                    BigDecimal high = new BigDecimal(bounds[1].strip());
                    if (low.compareTo(high) > 0) {
                        throw new IllegalArgumentException("payload template: ${" + name + "}: LOW is above HIGH");
                    }
                    return new RandomRange(low, high, Math.max(0, Math.max(low.scale(), high.scale())));
                } catch (NumberFormatException e) {
                    // falls through to the message below
                }
            }
            throw new IllegalArgumentException("payload template: ${" + name + "} is not ${random:LOW:HIGH} with two numbers");
        }
        throw new IllegalArgumentException("payload template: unknown variable ${" + name
                + "}; known: deviceId, index, sequence, time, random:LOW:HIGH");
    }

    public String source() {
        return source;
    }

    public String render(String deviceId, long index, long sequence, Instant time, SplittableRandom random) {
        StringBuilder out = new StringBuilder(source.length() + 32);
        for (Part part : parts) {
            switch (part) {
                case Literal literal -> out.append(literal.text());
                case Variable variable -> {
                    switch (variable) {
                        case DEVICE_ID -> out.append(deviceId);
                        case INDEX -> out.append(index);
                        case SEQUENCE -> out.append(sequence);
                        case TIME -> out.append(time);
                    }
                }
                case RandomRange range -> out.append(random(range, random));
            }
        }
        return out.toString();
    }

    private static String random(RandomRange range, SplittableRandom random) {
        if (range.scale() == 0) {
            long low = range.low().longValueExact();
            long high = range.high().longValueExact();
            return Long.toString(low == high ? low : random.nextLong(low, high + 1));
        }
        double value = range.low().doubleValue() + random.nextDouble() * (range.high().doubleValue() - range.low().doubleValue());
        return BigDecimal.valueOf(value).setScale(range.scale(), RoundingMode.HALF_UP).toPlainString();
    }
}
