package dev.dpsrig.app.cli.dps.enrollment;

import picocli.CommandLine.ITypeConverter;

/** {@code --provisioning-status}, whose names are also the wire names. */
enum ProvisioningStatusChoice implements CliChoice {
    ENABLED("enabled"),
    DISABLED("disabled");

    private final String cliName;

    ProvisioningStatusChoice(String cliName) {
        this.cliName = cliName;
    }

    @Override
    public String cliName() {
        return cliName;
    }

    static final class Converter implements ITypeConverter<ProvisioningStatusChoice> {
        @Override
        public ProvisioningStatusChoice convert(String value) {
            return CliChoice.parse(ProvisioningStatusChoice.class, value);
        }
    }
}
