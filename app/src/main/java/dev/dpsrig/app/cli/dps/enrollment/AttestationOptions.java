package dev.dpsrig.app.cli.dps.enrollment;

import dev.dpsrig.protocol.service.AttestationMechanism;
import dev.dpsrig.protocol.service.SymmetricKeyAttestation;
import dev.dpsrig.protocol.service.TpmAttestation;
import dev.dpsrig.protocol.service.X509Attestation;
import dev.dpsrig.protocol.service.X509CaReferences;
import dev.dpsrig.protocol.service.X509Certificates;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * How an enrollment's devices prove who they are, with {@code az}'s option names, for individual enrollments and
 * groups alike: certificates held in the enrollment ({@code --certificate-path}: a device's own, or a group's signing
 * CA certificate), CA certificates uploaded to the service that signed the devices' certificates ({@code --ca-name}),
 * or symmetric keys (a device's own, or a group's from which each device key is derived). The descriptions speak of a
 * device; a group command gives its own through its resource bundle, keyed by the option names without dashes.
 */
public final class AttestationOptions {
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

    @Option(names = "--primary-key", paramLabel = "BASE64", description = "symmetrickey: the primary key (generated on create when not given).")
    private Optional<String> primaryKey = Optional.empty();

    @Option(names = "--secondary-key", paramLabel = "BASE64", description = "symmetrickey: the secondary key (generated on create when not given).")
    private Optional<String> secondaryKey = Optional.empty();

    /** The attestation of a new individual enrollment of this type. */
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
                yield x509(Holder.DEVICE)
                        .orElseThrow(() -> usage("--attestation-type x509 needs --certificate-path or --ca-name"));
            }
        };
    }

    /**
     * The attestation of an individual enrollment being updated, as {@code az iot dps enrollment update} changes it:
     * as a group's (see {@link #forGroupUpdate}), the device's own certificates held in {@code clientCertificates}.
     *
     * @param current the enrollment's attestation with its keys
     */
    AttestationMechanism forUpdate(AttestationMechanism current, CertificateRemovalOptions removal) {
        return updated(current, removal, Holder.DEVICE);
    }

    /** The attestation of a new enrollment group: its signing certificates, the names of uploaded CA certificates, or keys (generated unless given). */
    public AttestationMechanism forGroupCreate() {
        if ((certificatesGiven() ? 1 : 0) + (referencesGiven() ? 1 : 0) + (keysGiven() ? 1 : 0) > 1) {
            throw usage("choose one attestation: --certificate-path, --ca-name, or --primary-key/--secondary-key");
        }
        return x509(Holder.GROUP).orElseGet(() -> new SymmetricKeyAttestation(primaryKey, secondaryKey));
    }

    /**
     * The attestation of an enrollment group being updated, as {@code az iot dps enrollment-group update} changes it: a
     * key, signing certificate or CA name given replaces the one in its place (primary or secondary) and the other is kept;
     * a removal drops the group's certificate or CA name in its place. Certificates given to a group that names uploaded
     * CA certificates (or names given to one holding certificates) replace those.
     *
     * @param current the group's attestation with its keys
     */
    AttestationMechanism forGroupUpdate(AttestationMechanism current, CertificateRemovalOptions removal) {
        return updated(current, removal, Holder.GROUP);
    }

    private AttestationMechanism updated(AttestationMechanism current, CertificateRemovalOptions removal, Holder holder) {
        requireKindOf(current, holder.noun);
        if (removal.any() && !(current instanceof X509Attestation)) {
            throw usage("--remove-certificate and --remove-secondary-certificate go with an x509 " + holder.noun + "; this one is "
                    + current.type());
        }
        return switch (current) {
            case SymmetricKeyAttestation keys -> keysOver(keys);
            case X509Attestation x509 -> certificatesGiven() || referencesGiven() || removal.any() ? updatedX509(x509, removal, holder) : x509;
            case TpmAttestation tpm -> tpm;
        };
    }

    private X509Attestation updatedX509(X509Attestation current, CertificateRemovalOptions removal, Holder holder) {
        if (certificatesGiven() && referencesGiven()) {
            throw usage("choose one: certificates held in the " + holder.noun + " (--certificate-path) or uploaded CA certificates (--ca-name)");
        }
        if (referencesGiven() || !certificatesGiven() && current.caReferences().isPresent()) {
            Optional<X509CaReferences> held = current.caReferences();
            return X509Attestation.caReferences(placed(caName, secondaryCaName, held.map(X509CaReferences::primary),
                    held.flatMap(X509CaReferences::secondary), removal, X509CaReferences::new, holder.leftWithout("--ca-name")));
        }
        Optional<X509Certificates> held = holder.held.apply(current);
        return holder.holding.apply(placed(certificatePath.map(Attestations::certificate),
                secondaryCertificatePath.map(Attestations::certificate), held.map(X509Certificates::primary),
                held.flatMap(X509Certificates::secondary), removal, X509Certificates::new, holder.leftWithout("--certificate-path")));
    }

    /**
     * A primary and secondary after an update: in each place the one given, else nothing if removed, else the one held.
     * A secondary left alone takes the place of a removed primary, as a rollover ends.
     *
     * @param emptied the refusal when neither place would be left with a certificate
     */
    private <T, P> P placed(Optional<T> primaryGiven, Optional<T> secondaryGiven, Optional<T> primaryHeld, Optional<T> secondaryHeld,
                            CertificateRemovalOptions removal, BiFunction<T, Optional<T>, P> pair, String emptied) {
        Optional<T> primary = primaryGiven.or(() -> removal.primary() ? Optional.empty() : primaryHeld);
        Optional<T> secondary = secondaryGiven.or(() -> removal.secondary() ? Optional.empty() : secondaryHeld);
        if (primary.isPresent()) {
            return pair.apply(primary.get(), secondary);
        }
        return pair.apply(secondary.orElseThrow(() -> usage(emptied)), Optional.empty());
    }

    /** Refuses keys for an enrollment that is not attested by keys, and certificates or CA names for one that is not x509. */
    private void requireKindOf(AttestationMechanism current, String enrollment) {
        if (keysGiven() && !(current instanceof SymmetricKeyAttestation)) {
            throw usage("--primary-key and --secondary-key go with a symmetric-key " + enrollment + "; this one is " + current.type());
        }
        if ((certificatesGiven() || referencesGiven()) && !(current instanceof X509Attestation)) {
            throw usage("--certificate-path and --ca-name go with an x509 " + enrollment + "; this one is " + current.type());
        }
    }

    private SymmetricKeyAttestation keysOver(SymmetricKeyAttestation current) {
        return new SymmetricKeyAttestation(primaryKey.or(current::primaryKey), secondaryKey.or(current::secondaryKey));
    }

    /** The X.509 attestation given, its certificates held where the holder keeps them; empty if neither certificates nor CA names are given. */
    private Optional<AttestationMechanism> x509(Holder holder) {
        if (certificatesGiven() && referencesGiven()) {
            throw usage("choose one: the device's certificates (--certificate-path) or its CA's (--ca-name)");
        }
        if (certificatesGiven()) {
            Path primary = certificatePath.orElseThrow(() -> usage("--secondary-certificate-path needs --certificate-path"));
            return Optional.of(holder.holding.apply(Attestations.x509Certificates(primary, secondaryCertificatePath)));
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

    /** Where an enrollment of a kind holds its own X.509 certificates, and what a refusal calls it. */
    private enum Holder {
        DEVICE("enrollment", X509Attestation::clientCertificates, X509Attestation::clientCertificates),
        GROUP("group", X509Attestation::signingCertificates, X509Attestation::signingCertificates);

        private final String noun;
        private final Function<X509Attestation, Optional<X509Certificates>> held;
        private final Function<X509Certificates, X509Attestation> holding;

        Holder(String noun, Function<X509Attestation, Optional<X509Certificates>> held,
               Function<X509Certificates, X509Attestation> holding) {
            this.noun = noun;
            this.held = held;
            this.holding = holding;
        }

        String leftWithout(String primaryOption) {
            return "the " + noun + " would be left without a certificate: give " + primaryOption;
        }
    }
}
