package dev.dpsrig.app.cli.test;

import io.cucumber.tagexpressions.Expression;
import io.cucumber.tagexpressions.TagExpressionException;
import io.cucumber.tagexpressions.TagExpressionParser;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Which scenarios a run keeps: those matching a Cucumber tag expression ({@code --tags}, plus what the target and the
 * rig leave out) and whose name matches {@code --name}. Applied when the scenarios are discovered, so a scenario left
 * out is not in the run at all, rather than reported skipped as Cucumber's own filters do.
 */
record ScenarioFilter(Optional<String> tags, Optional<Pattern> name) implements PostDiscoveryFilter {
    private static final Pattern TRANSPORT_SUFFIX = Pattern.compile(" \\[[a-z-]+]$");

    /**
     * The filter of {@code --tags EXPR} and {@code --name REGEX}, either absent.
     *
     * @throws TargetUsageException naming the option when the expression or the pattern is malformed
     */
    static ScenarioFilter of(String tags, String name) {
        Optional<String> expression = Optional.ofNullable(tags);
        expression.ifPresent(ScenarioFilter::parse);
        try {
            return new ScenarioFilter(expression, Optional.ofNullable(name).map(Pattern::compile));
        } catch (PatternSyntaxException e) {
            throw new TargetUsageException("--name is not a regular expression: " + e.getDescription() + " in '" + name + "'", e);
        }
    }

    /** This filter, also leaving out the scenarios tagged {@code tag}. */
    ScenarioFilter without(String tag) {
        return new ScenarioFilter(Optional.of(tags.map(given -> "(" + given + ") and ").orElse("") + "not " + tag), name);
    }

    @Override
    public FilterResult apply(TestDescriptor scenario) {
        if (!scenario.isTest()) {
            return FilterResult.included("a feature or rule");
        }
        List<String> scenarioTags = scenario.getTags().stream().map(tag -> "@" + tag.getName()).toList();
        if (tags.isPresent() && !parse(tags.get()).evaluate(scenarioTags)) {
            return FilterResult.excluded("tags do not match " + tags.get());
        }
        String plainName = TRANSPORT_SUFFIX.matcher(scenario.getDisplayName()).replaceFirst("");
        if (name.isPresent() && !name.get().matcher(plainName).find()) {
            return FilterResult.excluded("name does not match " + name.get());
        }
        return FilterResult.included("selected");
    }

    private static Expression parse(String expression) {
        try {
            return TagExpressionParser.parse(expression);
        } catch (TagExpressionException e) {
            throw new TargetUsageException("--tags is not a tag expression: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }
}
