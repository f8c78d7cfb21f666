package dev.dpsrig.protocol;

import java.util.List;
import java.util.Optional;

/**
 * The {@code api-version}s each Azure API answers, as the official SDKs and Microsoft's walkthroughs send them: the
 * DPS device API (HTTPS query, MQTT user name), the DPS service API and the IoT Hub device API (HTTPS query, MQTT user
 * name). A simulator started strict refuses any other, and a request without one, as Azure does.
 */
public enum ApiVersions {
    DPS_DEVICE("the DPS device API", List.of("2017-11-15", "2018-09-01-preview", "2018-11-01", "2019-03-31",
            "2021-06-01", "2021-11-01-preview", "2022-02-01-preview")),
    DPS_SERVICE("the DPS service API", List.of("2017-11-15", "2018-09-01-preview", "2019-03-31", "2021-06-01",
            "2021-10-01", "2021-11-01-preview", "2022-02-01-preview")),
    HUB_DEVICE("the IoT Hub device API", List.of("2016-11-14", "2017-06-30", "2018-06-30", "2019-03-30", "2019-10-01",
            "2020-03-13", "2020-09-30", "2021-04-12"));

    private final String api;
    private final List<String> versions;

    ApiVersions(String api, List<String> versions) {
        this.api = api;
        this.versions = versions;
    }

    /** The versions this API answers, oldest first. */
    public List<String> versions() {
        return versions;
    }

    /**
     * Why a request giving {@code version} (empty: none given) is refused, or empty when this API answers it: DPS says
     * {@code Unsupported API version X.}, in words a user can act on the list follows.
     */
    public Optional<String> refusal(Optional<String> version) {
        if (version.isPresent() && versions.contains(version.get())) {
            return Optional.empty();
        }
        return Optional.of((version.isEmpty() ? "The api-version query parameter is missing." : "Unsupported API version "
                + version.get() + ".") + " " + capitalized() + " takes " + String.join(", ", versions));
    }

    private String capitalized() {
        return Character.toUpperCase(api.charAt(0)) + api.substring(1);
    }
}
