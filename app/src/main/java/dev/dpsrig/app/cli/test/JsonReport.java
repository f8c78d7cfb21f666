package dev.dpsrig.app.cli.test;

import dev.dpsrig.features.transport.Transport;
import io.cucumber.core.plugin.JsonFormatter;
import io.cucumber.messages.types.Envelope;
import io.cucumber.messages.types.Feature;
import io.cucumber.messages.types.GherkinDocument;
import java.io.OutputStream;

/**
 * report.json: Cucumber's JSON report, each feature's {@code uri} the {@code file:} URI of the feature the user gave
 * or of the shipped one ({@code file:features/allocation/allocation.feature}). Cucumber's JSON has one entry per
 * feature file, so a feature run over two transports is one entry holding the scenarios of both: the entry carries the
 * tags the feature was written with, and each scenario its transport's tag besides and the transport in its name.
 */
public final class JsonReport extends OriginalPathsReport {
    /** The report, written to {@code out}. */
    public JsonReport(OutputStream out) {
        super(new JsonFormatter(out), OriginalPathsReport::fileUri);
    }

    @Override
    Envelope rewrite(OriginalPaths paths, Envelope envelope) {
        Envelope named = paths.rewrite(envelope);
        return named.getGherkinDocument().map(JsonReport::withoutTransportTag).map(Envelope::of).orElse(named);
    }

    private static GherkinDocument withoutTransportTag(GherkinDocument document) {
        return new GherkinDocument(document.getUri().orElse(null), document.getFeature().map(feature -> new Feature(
                feature.getLocation(), feature.getTags().stream().filter(tag -> Transport.ofTag(tag.getName()).isEmpty()).toList(),
                feature.getLanguage(), feature.getKeyword(), feature.getName(), feature.getDescription(), feature.getChildren()))
                .orElse(null), document.getComments());
    }
}
