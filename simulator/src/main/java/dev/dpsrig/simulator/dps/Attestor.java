package dev.dpsrig.simulator.dps;

import dev.dpsrig.certs.Certificates;
import dev.dpsrig.certs.ChainValidator;
import dev.dpsrig.certs.ChainVerdict;
import dev.dpsrig.protocol.DpsException;
import dev.dpsrig.protocol.SasToken;
import dev.dpsrig.protocol.SymmetricKeys;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides who a registering device is, as DPS does: a SAS token verified against the individual
 * enrollment's keys or a key derived from a group key; or a client certificate whose CN is the
 * registration id, matched to an individual enrollment by the certificate itself or by the uploaded CA
 * certificates it names, or to the first group whose CA is on the presented chain, with the chain ending
 * at a verified CA. Every refusal is a 401 whose message says what did not match.
 */
final class Attestor {
    /** Tolerance for clock drift on token expiry, as the C# service-side helper uses. */
    static final Duration EXPIRY_SKEW = Duration.ofMinutes(5);

    private final DpsState state;
    private final String idScope;
    private final Clock clock;

    Attestor(DpsState state, String idScope, Clock clock) {
        this.state = state;
        this.idScope = idScope;
        this.clock = clock;
    }

    EnrollmentMatch attest(String registrationId, DeviceCredentials credentials) {
        return switch (credentials) {
            case DeviceCredentials.Sas sas -> bySas(registrationId, sas.token());
            case DeviceCredentials.ClientCertificate certificate -> byCertificate(registrationId, certificate.chain());
            case DeviceCredentials.None none -> throw DpsException.unauthorized(
                    "no credentials: send a SAS token in the Authorization header or a client certificate");
        };
    }

    private EnrollmentMatch bySas(String registrationId, SasToken token) {
        String expected = idScope + "/registrations/" + registrationId;
        String audience = token.decodedResourceUri();
        if (!audience.equalsIgnoreCase(expected)) {
            throw DpsException.unauthorized("SAS token is for '" + audience + "', not '" + expected + "'");
        }
        if (token.keyName().filter(name -> !name.isEmpty() && !name.equals("registration")).isPresent()) {
            throw DpsException.unauthorized("SAS token skn '" + token.keyName().get()
                    + "' is not allowed on the device API; send none, an empty one or 'registration'");
        }
        Instant now = clock.instant();
        if (now.isAfter(token.expiresAt().plus(EXPIRY_SKEW))) {
            throw DpsException.unauthorized("SAS token expired at " + token.expiresAt());
        }
        Optional<IndividualEnrollment> individual = state.enrollment(registrationId);
        if (individual.isPresent()) {
            if (!(individual.get().attestation() instanceof Attestation.SymmetricKey keys)) {
                throw DpsException.unauthorized("the enrollment of '" + registrationId
                        + "' uses X.509; present its certificate instead of a SAS token");
            }
            if (!token.isSignedWith(keys.primaryKey()) && !token.isSignedWith(keys.secondaryKey())) {
                throw DpsException.unauthorized("SAS signature matches neither the primary nor the secondary key of the enrollment of '"
                        + registrationId + "'");
            }
            return new EnrollmentMatch(registrationId, new EnrollmentMatch.Enrollment.Individual(individual.get()),
                    new HubDevice.HubAuthentication.Sas(keys.primaryKey(), keys.secondaryKey()), Optional.empty());
        }
        for (EnrollmentGroup group : state.groups()) {
            if (!(group.attestation() instanceof Attestation.SymmetricKey keys)) {
                continue;
            }
            String primary = SymmetricKeys.deriveDeviceKey(keys.primaryKey(), registrationId);
            String secondary = SymmetricKeys.deriveDeviceKey(keys.secondaryKey(), registrationId);
            if (token.isSignedWith(primary) || token.isSignedWith(secondary)) {
                return new EnrollmentMatch(registrationId, new EnrollmentMatch.Enrollment.Group(group),
                        new HubDevice.HubAuthentication.Sas(primary, secondary), Optional.empty());
            }
            if (token.isSignedWith(keys.primaryKey()) || token.isSignedWith(keys.secondaryKey())) {
                throw DpsException.unauthorized("SAS token is signed with the key of enrollment group '" + group.enrollmentGroupId()
                        + "' itself; a device signs with the key derived from it and its registration id");
            }
        }
        throw DpsException.unauthorized("no individual enrollment for '" + registrationId
                + "', and the SAS token is not signed with a key derived from any enrollment group's key");
    }

    private EnrollmentMatch byCertificate(String registrationId, List<X509Certificate> chain) {
        X509Certificate leaf = chain.getFirst();
        String commonName = Certificates.commonName(leaf).orElseThrow(() -> DpsException.unauthorized(
                "the client certificate " + Certificates.describe(leaf) + " has no CN; its CN must be the registration id"));
        if (!commonName.equalsIgnoreCase(registrationId)) {
            throw DpsException.unauthorized("the client certificate CN '" + commonName
                    + "' does not match the registration id '" + registrationId + "'");
        }
        List<X509Certificate> verified = state.verifiedCaCertificates();
        Optional<IndividualEnrollment> individual = state.enrollment(registrationId);
        if (individual.isPresent() && individual.get().attestation() instanceof Attestation.X509CaReferences references) {
            return byReferencedCa(individual.get(), references, chain, verified);
        }
        if (individual.isPresent()) {
            if (!(individual.get().attestation() instanceof Attestation.X509Certificates enrolled)) {
                throw DpsException.unauthorized("the enrollment of '" + registrationId
                        + "' uses symmetric keys; send a SAS token instead of a certificate");
            }
            if (!enrolled.holds(leaf)) {
                throw DpsException.unauthorized("the client certificate (SHA-1 " + Certificates.sha1Thumbprint(leaf)
                        + ") is not the primary or secondary certificate enrolled for '" + registrationId + "'");
            }
            List<X509Certificate> anchors = new ArrayList<>(verified);
            if (Certificates.isSelfIssued(leaf)) {
                anchors.add(leaf);
            }
            requireTrusted(chain, anchors);
            return new EnrollmentMatch(registrationId, new EnrollmentMatch.Enrollment.Individual(individual.get()),
                    new HubDevice.HubAuthentication.SelfSigned(Certificates.sha1Thumbprint(enrolled.primary()),
                            enrolled.secondary().map(Certificates::sha1Thumbprint)),
                    Optional.of(leaf));
        }
        GroupOnChain match = firstGroupOnChain(chain).orElseThrow(() -> DpsException.unauthorized(
                "no individual enrollment for '" + registrationId
                        + "', and no enrollment group's certificate is in the presented chain or signed its top"));
        requireTrusted(chain, verified);
        return new EnrollmentMatch(registrationId, new EnrollmentMatch.Enrollment.Group(match.group()),
                new HubDevice.HubAuthentication.CertificateAuthority(match.caCertificate()),
                Optional.of(leaf));
    }

    /**
     * An individual enrollment that names CA certificates: the device's chain must reach one of them, uploaded and
     * verified; the hub then knows the device by that CA, as for a group's device.
     */
    private EnrollmentMatch byReferencedCa(IndividualEnrollment enrollment, Attestation.X509CaReferences references,
                                           List<X509Certificate> chain, List<X509Certificate> verified) {
        List<X509Certificate> named = referenced(references).stream().filter(verified::contains).toList();
        if (named.isEmpty()) {
            throw DpsException.unauthorized("the enrollment of '" + enrollment.registrationId() + "' names CA certificate '"
                    + references.primary() + "'" + references.secondary().map(secondary -> " or '" + secondary + "'").orElse("")
                    + ", and none of them is uploaded and verified");
        }
        requireTrusted(chain, named);
        X509Certificate top = chain.getLast();
        X509Certificate ca = named.stream().filter(candidate -> chain.contains(candidate) || Certificates.isSignedBy(top, candidate))
                .findFirst().orElseThrow();
        return new EnrollmentMatch(enrollment.registrationId(), new EnrollmentMatch.Enrollment.Individual(enrollment),
                new HubDevice.HubAuthentication.CertificateAuthority(ca), Optional.of(chain.getFirst()));
    }

    private record GroupOnChain(EnrollmentGroup group, X509Certificate caCertificate) {
    }

    /** Walks up from the leaf's issuer: the first certificate that an X.509 group holds or references decides. */
    private Optional<GroupOnChain> firstGroupOnChain(List<X509Certificate> chain) {
        for (X509Certificate certificate : chain.subList(1, chain.size())) {
            for (EnrollmentGroup group : state.groups()) {
                if (groupCertificates(group).contains(certificate)) {
                    return Optional.of(new GroupOnChain(group, certificate));
                }
            }
        }
        X509Certificate top = chain.getLast();
        for (EnrollmentGroup group : state.groups()) {
            for (X509Certificate ca : groupCertificates(group)) {
                if (Certificates.isSignedBy(top, ca)) {
                    return Optional.of(new GroupOnChain(group, ca));
                }
            }
        }
        return Optional.empty();
    }

    private List<X509Certificate> groupCertificates(EnrollmentGroup group) {
        return switch (group.attestation()) {
            case Attestation.X509Certificates held -> held.secondary().isPresent()
                    ? List.of(held.primary(), held.secondary().get()) : List.of(held.primary());
            case Attestation.X509CaReferences references -> referenced(references);
            case Attestation.SymmetricKey keys -> List.of();
        };
    }

    /** The uploaded CA certificates the references name, those that exist. */
    private List<X509Certificate> referenced(Attestation.X509CaReferences references) {
        List<X509Certificate> named = new ArrayList<>();
        state.caCertificate(references.primary()).ifPresent(ca -> named.add(ca.certificate()));
        references.secondary().flatMap(state::caCertificate).ifPresent(ca -> named.add(ca.certificate()));
        return named;
    }

    private void requireTrusted(List<X509Certificate> chain, List<X509Certificate> anchors) {
        ChainVerdict verdict = ChainValidator.trusting(anchors).withClock(clock).requiringClientAuth().validate(chain);
        if (verdict instanceof ChainVerdict.Rejected rejected) {
            throw DpsException.unauthorized("certificate chain not accepted: " + rejected.detail()
                    + switch (rejected.problem()) {
                        case UNTRUSTED_ROOT, MISSING_INTERMEDIATE ->
                                " (the chain must reach a CA certificate that is uploaded to the service and verified)";
                        default -> "";
                    });
        }
    }
}
