package dev.dpsrig.app.cli.dps.enrollment;

import picocli.CommandLine.ITypeConverter;

/** {@code --attestation-type}; TPM is left out because the simulator cannot attest it. */
enum AttestationTypeChoice implements CliChoice {
    SYMMETRIC_KEY("symmetrickey"),
    X509("x509");

    private final String cliName;

    AttestationTypeChoice(String cliName) {
        this.cliName = cliName;
    }

    @Override
    public String cliName() {
        return cliName;
    }

    static final class Converter implements ITypeConverter<AttestationTypeChoice> {
        @Override
        public AttestationTypeChoice convert(String value) {
            return CliChoice.parse(AttestationTypeChoice.class, value);
        }
    }
}
