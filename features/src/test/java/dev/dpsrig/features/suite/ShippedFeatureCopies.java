package dev.dpsrig.features.suite;

import dev.dpsrig.features.transport.FeatureSource;
import dev.dpsrig.features.transport.Transport;
import dev.dpsrig.features.transport.TransportRuns;
import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Writes the shipped features' copies over each default transport to {@value #FOLDER} when the test launcher opens,
 * before {@link ShippedFeaturesIT} discovers its scenarios there.
 */
public final class ShippedFeatureCopies implements LauncherSessionListener {
    static final String FOLDER = "target/transport-features";

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        TransportRuns.write(FeatureSource.shipped(), Transport.DEFAULT, Path.of(FOLDER));
    }
}
