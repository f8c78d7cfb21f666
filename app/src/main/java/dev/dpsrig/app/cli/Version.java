package dev.dpsrig.app.cli;

import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into the jar's manifest, or "development" when run from classes. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Dpsrig.class.getPackage().getImplementationVersion();
        return new String[] {"dpsrig " + (version != null ? version : "development"),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
    }
}
