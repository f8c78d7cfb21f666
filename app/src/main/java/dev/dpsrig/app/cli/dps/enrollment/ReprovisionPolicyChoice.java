package dev.dpsrig.app.cli.dps.enrollment;

import picocli.CommandLine.ITypeConverter;

/** {@code --reprovision-policy}: az's three names for the two flags of the wire's {@code reprovisionPolicy}. */
enum ReprovisionPolicyChoice implements CliChoice {
    REPROVISION_AND_MIGRATE_DATA("reprovisionandmigratedata", true, true),
    REPROVISION_AND_RESET_DATA("reprovisionandresetdata", true, false),
    NEVER_REPROVISION("neverreprovision", false, false);

    private final String cliName;
    private final boolean updateHubAssignment;
    private final boolean migrateDeviceData;

    ReprovisionPolicyChoice(String cliName, boolean updateHubAssignment, boolean migrateDeviceData) {
        this.cliName = cliName;
        this.updateHubAssignment = updateHubAssignment;
        this.migrateDeviceData = migrateDeviceData;
    }

    @Override
    public String cliName() {
        return cliName;
    }

    boolean updateHubAssignment() {
        return updateHubAssignment;
    }

    boolean migrateDeviceData() {
        return migrateDeviceData;
    }

    static final class Converter implements ITypeConverter<ReprovisionPolicyChoice> {
        @Override
        public ReprovisionPolicyChoice convert(String value) {
            return CliChoice.parse(ReprovisionPolicyChoice.class, value);
        }
    }
}
