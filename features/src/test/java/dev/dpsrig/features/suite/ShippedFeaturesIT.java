package dev.dpsrig.features.suite;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PLUGIN_PROPERTY_NAME;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.ExcludeTags;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;

/**
 * Every shipped feature over each default transport (HTTPS and MQTT), run by {@code ./mvnw verify} through the JUnit
 * Platform's Cucumber engine, from the copies {@link ShippedFeatureCopies} writes; the excluded tags are
 * {@code TransportRuns.excludedTags(Transport.DEFAULT)}, which {@code ShippedFeaturesSuiteTest} holds them to.
 */
@Suite
@IncludeEngines("cucumber")
@SelectDirectories(ShippedFeatureCopies.FOLDER)
@ExcludeTags({ShippedFeaturesIT.NOT_OVER_HTTPS, ShippedFeaturesIT.NOT_OVER_MQTT})
@ConfigurationParameter(key = GLUE_PROPERTY_NAME, value = "dev.dpsrig.features.steps")
@ConfigurationParameter(key = PLUGIN_PROPERTY_NAME, value = "summary, html:target/cucumber/report.html, junit:target/cucumber/junit.xml")
class ShippedFeaturesIT {
    static final String NOT_OVER_HTTPS = "transport-https & (mqtt-only)";
    static final String NOT_OVER_MQTT = "transport-mqtt & (https-only | board)";
}
