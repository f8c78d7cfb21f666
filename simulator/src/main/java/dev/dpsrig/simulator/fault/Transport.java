package dev.dpsrig.simulator.fault;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The protocol a call arrives over: a fault rule may name one, and then strikes only calls that come by it. */
public enum Transport {
    HTTPS,
    /** MQTT 3.1.1 over TLS. */
    MQTT;

    /** As written in rules and on the command line: {@code mqtt}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Transport parse(String text) {
        return Arrays.stream(values()).filter(t -> t.wireName().equalsIgnoreCase(text.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown transport '" + text + "'; one of "
                        + Arrays.stream(values()).map(Transport::wireName).collect(Collectors.joining(", "))));
    }
}
