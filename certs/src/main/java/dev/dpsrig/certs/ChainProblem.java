package dev.dpsrig.certs;

/** Why a presented certificate chain is not trusted. */
public enum ChainProblem {
    /** Nothing was presented. */
    NO_CERTIFICATE("no certificate was presented"),
    /** A certificate in the path is past its notAfter. */
    EXPIRED("certificate has expired"),
    /** A certificate in the path is before its notBefore. */
    NOT_YET_VALID("certificate is not yet valid"),
    /** The path ends in a self-signed certificate that is not a trust anchor. */
    UNTRUSTED_ROOT("chain ends in a root that is not trusted"),
    /** The issuer of a certificate in the path was neither presented nor trusted. */
    MISSING_INTERMEDIATE("issuer certificate was not presented and is not trusted"),
    /** A certificate that signed another lacks basicConstraints CA:TRUE or keyCertSign. */
    ISSUER_NOT_CA("issuer is not a certificate authority"),
    /** A CA's pathlen constraint allows fewer intermediates than the path has below it. */
    PATH_LENGTH_EXCEEDED("path length constraint exceeded"),
    /** The leaf has an extended key usage that does not include TLS client authentication. */
    NO_CLIENT_AUTH("certificate is not allowed for TLS client authentication"),
    /** A certificate names an issuer whose key did not make its signature. */
    BAD_SIGNATURE("signature does not verify with the issuer's key");

    private final String description;

    ChainProblem(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
