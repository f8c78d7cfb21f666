package dev.dpsrig.certs;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Decides whether a chain a device presents is trusted, and if not, says exactly why.
 *
 * <p>Trust works as DPS applies it: an anchor is any certificate the service trusts (a verified
 * root or intermediate CA, or for an individual enrollment the device certificate itself), so a
 * path ends as soon as it reaches a certificate that is an anchor or was signed by one; it need
 * not reach a self-signed root. The JDK's PKIX validator answers only "invalid", which is no help
 * to someone whose device was just refused; this one walks the path itself and names the first
 * problem it meets, from the leaf upwards.
 */
public final class ChainValidator {
    /** Deeper chains than this are refused rather than walked, so a crafted loop cannot spin. */
    private static final int MAX_PATH = 16;

    private final List<X509Certificate> anchors;
    private final Clock clock;
    private final boolean requireClientAuth;

    private ChainValidator(List<X509Certificate> anchors, Clock clock, boolean requireClientAuth) {
        this.anchors = anchors;
        this.clock = clock;
        this.requireClientAuth = requireClientAuth;
    }

    public static ChainValidator trusting(Collection<X509Certificate> anchors) {
        return new ChainValidator(List.copyOf(anchors), Clock.systemUTC(), false);
    }

    /** Validity is judged at this clock's instant. */
    public ChainValidator withClock(Clock clock) {
        return new ChainValidator(anchors, Objects.requireNonNull(clock, "clock"), requireClientAuth);
    }

    /** The leaf must be usable for TLS client authentication, as DPS and IoT Hub require of devices. */
    public ChainValidator requiringClientAuth() {
        return new ChainValidator(anchors, clock, true);
    }

    /** @param presented the chain as the device sent it, leaf first; order of the rest does not matter */
    public ChainVerdict validate(List<X509Certificate> presented) {
        if (presented.isEmpty()) {
            return new ChainVerdict.Rejected(ChainProblem.NO_CERTIFICATE, Optional.empty(), "no certificate was presented");
        }
        Instant now = clock.instant();
        X509Certificate leaf = presented.getFirst();
        if (requireClientAuth && !CertificateDetails.of(leaf).allowsClientAuth()) {
            return reject(ChainProblem.NO_CLIENT_AUTH, leaf, "its extended key usage does not include clientAuth");
        }
        List<X509Certificate> path = new ArrayList<>();
        path.add(leaf);
        X509Certificate current = leaf;
        while (path.size() <= MAX_PATH) {
            Optional<ChainVerdict> invalid = checkValidity(current, now);
            if (invalid.isPresent()) {
                return invalid.get();
            }
            if (anchors.contains(current)) {
                return new ChainVerdict.Trusted(path, current);
            }
            X509Certificate child = current;
            Optional<X509Certificate> anchor = anchors.stream().filter(a -> Certificates.isSignedBy(child, a)).findFirst();
            if (anchor.isPresent()) {
                Optional<ChainVerdict> unfit = checkIssuer(anchor.get(), path, now);
                return unfit.orElseGet(() -> new ChainVerdict.Trusted(path, anchor.get()));
            }
            Optional<X509Certificate> issuer = presented.stream()
                    .filter(candidate -> !path.contains(candidate) && Certificates.isSignedBy(child, candidate))
                    .findFirst();
            if (issuer.isEmpty()) {
                return noIssuer(current, presented);
            }
            Optional<ChainVerdict> unfit = checkIssuer(issuer.get(), path, now);
            if (unfit.isPresent()) {
                return unfit.get();
            }
            path.add(issuer.get());
            current = issuer.get();
        }
        return reject(ChainProblem.PATH_LENGTH_EXCEEDED, leaf, "the chain is longer than " + MAX_PATH + " certificates");
    }

    private static Optional<ChainVerdict> checkValidity(X509Certificate certificate, Instant now) {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (now.isAfter(notAfter)) {
            return Optional.of(reject(ChainProblem.EXPIRED, certificate, "it expired at " + notAfter));
        }
        if (now.isBefore(notBefore)) {
            return Optional.of(reject(ChainProblem.NOT_YET_VALID, certificate, "it is valid only from " + notBefore));
        }
        return Optional.empty();
    }

    /** Whether {@code issuer} may have signed the top of {@code path}: valid now, a CA, and its pathlen allows the path. */
    private static Optional<ChainVerdict> checkIssuer(X509Certificate issuer, List<X509Certificate> path, Instant now) {
        Optional<ChainVerdict> invalid = checkValidity(issuer, now);
        if (invalid.isPresent()) {
            return invalid;
        }
        boolean[] keyUsage = issuer.getKeyUsage();
        if (!Certificates.isCertificateAuthority(issuer)) {
            return Optional.of(reject(ChainProblem.ISSUER_NOT_CA, issuer,
                    "it signed " + Certificates.describe(path.getLast()) + " but has no basicConstraints CA:TRUE"));
        }
        if (keyUsage != null && !keyUsage[5]) {
            return Optional.of(reject(ChainProblem.ISSUER_NOT_CA, issuer,
                    "it signed " + Certificates.describe(path.getLast()) + " but its key usage lacks keyCertSign"));
        }
        int intermediatesBelow = path.size() - 1;
        int allowed = issuer.getBasicConstraints();
        if (intermediatesBelow > allowed) {
            return Optional.of(reject(ChainProblem.PATH_LENGTH_EXCEEDED, issuer,
                    "its pathlen " + allowed + " allows " + allowed + " intermediate(s) below it, the chain has "
                            + intermediatesBelow));
        }
        return Optional.empty();
    }

    private ChainVerdict noIssuer(X509Certificate current, List<X509Certificate> presented) {
        if (Certificates.isSelfIssued(current) && Certificates.isSignedBy(current, current)) {
            return reject(ChainProblem.UNTRUSTED_ROOT, current, "it is self-signed and not among the trusted certificates");
        }
        boolean issuerNamedButSignatureFails = Stream.concat(anchors.stream(), presented.stream())
                .anyMatch(c -> c.getSubjectX500Principal().equals(current.getIssuerX500Principal()));
        if (issuerNamedButSignatureFails) {
            return reject(ChainProblem.BAD_SIGNATURE, current,
                    "its signature does not verify with the key of " + current.getIssuerX500Principal().getName());
        }
        return reject(ChainProblem.MISSING_INTERMEDIATE, current,
                "its issuer " + current.getIssuerX500Principal().getName() + " was not presented and is not trusted");
    }

    private static ChainVerdict reject(ChainProblem problem, X509Certificate certificate, String why) {
        return new ChainVerdict.Rejected(problem, Optional.of(certificate),
                Certificates.describe(certificate) + ": " + problem.description() + ": " + why);
    }
}
