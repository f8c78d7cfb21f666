package dev.dpsrig.app.cli.dps.enrollment;

import picocli.CommandLine.ITypeConverter;

/** {@code --allocation-policy}, whose names are also the wire names. */
enum AllocationPolicyChoice implements CliChoice {
    HASHED("hashed"),
    GEO_LATENCY("geoLatency"),
    STATIC("static"),
    CUSTOM("custom");

    private final String cliName;

    AllocationPolicyChoice(String cliName) {
        this.cliName = cliName;
    }

    @Override
    public String cliName() {
        return cliName;
    }

    static final class Converter implements ITypeConverter<AllocationPolicyChoice> {
        @Override
        public AllocationPolicyChoice convert(String value) {
            return CliChoice.parse(AllocationPolicyChoice.class, value);
        }
    }
}
