package dev.dpsrig.features.steps;

/**
 * Which of a scenario's certificates a step means. A CA and a device may share a name in a scenario, and a
 * device may hold both a self-signed certificate and one a CA issued it, so the kind is part of the key.
 */
public sealed interface CertificateKey {
    /** The CA of this name; what it holds is its intermediate, which signs the device certificates. */
    record Authority(String name) implements CertificateKey {
    }

    /** The self-signed certificate a device of this name was enrolled with. */
    record SelfSigned(String device) implements CertificateKey {
    }

    /** The certificate a CA issued to the device of this name. */
    record Issued(String device) implements CertificateKey {
    }
}
