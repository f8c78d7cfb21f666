package dev.dpsrig.app.cli.dps.enrollmentgroup;

/**
 * Where the group commands find what the shared attestation options mean for a group (a signing CA certificate, the
 * group's keys) rather than for a device: a resource bundle keyed by option name, which picocli reads for the options
 * of a command that names it.
 */
final class GroupAttestationHelp {
    static final String BUNDLE = "dev.dpsrig.app.cli.dps.enrollmentgroup.GroupAttestationOptions";

    private GroupAttestationHelp() {
    }
}
