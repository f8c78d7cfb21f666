package dev.dpsrig.features.transport;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a scenario's emulated devices reach DPS and their hub: HTTPS, MQTT over TLS (8883) or MQTT over WebSockets (443).
 * A run picks one or more; each scenario whose devices are emulated runs once over each, its name ending in the
 * transport ({@code "... [mqtt]"}) and its feature tagged with {@link #tag()}.
 */
public enum Transport {
    HTTPS("https"),
    MQTT("mqtt"),
    MQTT_WS("mqtt-ws");

    /** What a run uses when not told: every scenario over HTTPS and over MQTT on TLS. */
    public static final Set<Transport> DEFAULT = EnumSet.of(HTTPS, MQTT);
    /** The run-level choice as {@code dpsrig test --transport} and the Maven suite take it. */
    public static final String CHOICES = "https, mqtt, mqtt-ws, a comma-separated list of them, or all";

    private final String word;

    Transport(String word) {
        this.word = word;
    }

    /** The name {@code --transport} takes and the scenario names carry. */
    public String word() {
        return word;
    }

    /** The tag every scenario of this transport's run carries; steps read their transport from it. */
    public String tag() {
        return "@transport-" + word;
    }

    /** The transport a scenario's tag names, if one does. */
    public static Optional<Transport> ofTag(String tag) {
        return Arrays.stream(values()).filter(transport -> transport.tag().equals(tag)).findFirst();
    }

    /**
     * The transports {@code choice} names: one of them, several separated by commas, or {@code all}.
     *
     * @throws IllegalArgumentException naming what was not a transport
     */
    public static Set<Transport> parse(String choice) {
        if (choice.trim().equalsIgnoreCase("all")) {
            return EnumSet.allOf(Transport.class);
        }
        Set<Transport> chosen = EnumSet.noneOf(Transport.class);
        for (String word : choice.split(",")) {
            String wanted = word.trim().toLowerCase(Locale.ROOT);
            chosen.add(Arrays.stream(values()).filter(transport -> transport.word.equals(wanted)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--transport is " + CHOICES + ", not '" + word.trim() + "'")));
        }
        return chosen;
    }

    /** The transports as {@code --transport} would name them, for a summary line. */
    public static String words(Set<Transport> transports) {
        return transports.stream().map(Transport::word).collect(Collectors.joining(", "));
    }
}
