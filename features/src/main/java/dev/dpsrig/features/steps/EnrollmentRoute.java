package dev.dpsrig.features.steps;

/** How a device is enrolled: the attestation routes of the walkthroughs, in the words a scenario uses. */
public enum EnrollmentRoute {
    INDIVIDUAL("individually"),
    GROUP("in a group"),
    SELF_SIGNED("individually, self-signed"),
    CHAIN("individually, with a chain to a verified root"),
    INTERMEDIATE_GROUP("in a group on an intermediate CA"),
    ROOT_REFERENCE_GROUP("in a group referencing a verified root CA");

    /** Longest first, so that the regular expression does not stop at a prefix. */
    static final String PATTERN = "individually, with a chain to a verified root|individually, self-signed|individually"
            + "|in a group on an intermediate CA|in a group referencing a verified root CA|in a group";

    private final String words;

    EnrollmentRoute(String words) {
        this.words = words;
    }

    static EnrollmentRoute of(String words) {
        for (EnrollmentRoute route : values()) {
            if (route.words.equals(words)) {
                return route;
            }
        }
        throw new IllegalArgumentException("no enrollment route '" + words + "'");
    }

    @Override
    public String toString() {
        return words;
    }
}
