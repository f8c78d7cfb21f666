package dev.dpsrig.app.archfixture;

import picocli.CommandLine;

/** Breaks the picocli rule on purpose: a command line built outside a cli package. */
public final class UsesPicocliOutsideCli {
    CommandLine commandLine() {
        return new CommandLine(this);
    }
}
