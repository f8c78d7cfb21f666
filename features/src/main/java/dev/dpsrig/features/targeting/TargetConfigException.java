package dev.dpsrig.features.targeting;

/** A target setting is missing or malformed; the message names the key and where it was looked for. */
public final class TargetConfigException extends RuntimeException {
    private final String key;

    public TargetConfigException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The setting at fault, as the file spells it (e.g. {@code idScope}), or {@code target}. */
    public String key() {
        return key;
    }
}
