package dev.dpsrig.app.cli.dps.enrollment;

import dev.dpsrig.protocol.service.AttestationMechanism;
import dev.dpsrig.protocol.service.SymmetricKeyAttestation;
import dev.dpsrig.protocol.service.X509Attestation;
import dev.dpsrig.protocol.service.X509CaReferences;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * How an individual enrollment's device proves who it is, with {@code az}'s option names: its own certificates
 * ({@code --certificate-path}), CA certificates uploaded to the service that signed its certificate ({@code --ca-name}),
 * or symmetric keys.
 */
final class DeviceAttestationOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--certificate-path", paramLabel = "PEM", description = "x509: the device certificate (PEM or DER).")
    private Optional<Path> certificatePath = Optional.empty();

    @Option(names = "--secondary-certificate-path", paramLabel = "PEM", description = "x509: a second device certificate.")
    private Optional<Path> secondaryCertificatePath = Optional.empty();

    @Option(names = "--ca-name", paramLabel = "NAME",
            description = "x509: the name of the primary CA certificate, uploaded and verified, that signed the device's certificate.")
    private Optional<String> caName = Optional.empty();

    @Option(names = "--secondary-ca-name", paramLabel = "NAME", description = "x509: the name of a secondary uploaded CA certificate.")
    private Optional<String> secondaryCaName = Optional.empty();

    @Option(names = "--primary-key", paramLabel = "BASE64", description = "symmetrickey: the primary key (default: generated).")
    private Optional<String> primaryKey = Optional.empty();

    @Option(names = "--secondary-key", paramLabel = "BASE64", description = "symmetrickey: the secondary key (default: generated).")
    private Optional<String> secondaryKey = Optional.empty();

    /** The attestation of a new enrollment of this type. */
    AttestationMechanism forCreate(AttestationTypeChoice type) {
        return switch (type) {
            case SYMMETRIC_KEY -> {
                if (certificatesGiven() || referencesGiven()) {
                    throw usage("--certificate-path and --ca-name go with --attestation-type x509");
                }
                yield new SymmetricKeyAttestation(primaryKey, secondaryKey);
            }
            case X509 -> {
                if (keysGiven()) {
                    throw usage("--primary-key and --secondary-key go with --attestation-type symmetrickey");
                }
                yield x509().orElseThrow(() -> usage("--attestation-type x509 needs --certificate-path or --ca-name"));
            }
        };
    }

    /** The attestation of an enrollment being updated: the one given, keys completed from the current ones; empty if none. */
    Optional<AttestationMechanism> forUpdate(AttestationMechanism current) {
        if (keysGiven()) {
            if (!(current instanceof SymmetricKeyAttestation keys)) {
                throw usage("--primary-key and --secondary-key go with a symmetric-key enrollment; this one is " + current.type());
            }
            return Optional.of(new SymmetricKeyAttestation(primaryKey.or(keys::primaryKey), secondaryKey.or(keys::secondaryKey)));
        }
        if ((certificatesGiven() || referencesGiven()) && !(current instanceof X509Attestation)) {
            throw usage("--certificate-path and --ca-name go with an x509 enrollment; this one is " + current.type());
        }
        return x509();
    }

    private Optional<AttestationMechanism> x509() {
        if (certificatesGiven() && referencesGiven()) {
            throw usage("choose one: the device's certificates (--certificate-path) or its CA's (--ca-name)");
        }
        if (certificatesGiven()) {
            Path primary = certificatePath.orElseThrow(() -> usage("--secondary-certificate-path needs --certificate-path"));
            return Optional.of(X509Attestation.clientCertificates(Attestations.x509Certificates(primary, secondaryCertificatePath)));
        }
        if (referencesGiven()) {
            String primary = caName.orElseThrow(() -> usage("--secondary-ca-name needs --ca-name"));
            return Optional.of(X509Attestation.caReferences(new X509CaReferences(primary, secondaryCaName)));
        }
        return Optional.empty();
    }

    private boolean certificatesGiven() {
        return certificatePath.isPresent() || secondaryCertificatePath.isPresent();
    }

    private boolean referencesGiven() {
        return caName.isPresent() || secondaryCaName.isPresent();
    }

    private boolean keysGiven() {
        return primaryKey.isPresent() || secondaryKey.isPresent();
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
