package dev.dpsrig.simulator.http;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.IdentityFiles;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The certificate chain of the X.509 walkthrough (seed 000): a test-only root CA, an intermediate
 * CA that may sign only end entities, and device certificates the intermediate issues for TLS
 * client authentication, written to the files the walkthrough names.
 */
record SeedPki(HeldCertificate root, HeldCertificate intermediate) {

    /** The files of seed 000's "Use a certificate chain" table, relative to the working directory. */
    record SeedFiles(String rootCertificate, String intermediateCertificate, String deviceCertificate,
                     String deviceFullChain, String deviceKey) {

        /** What curl needs to present the device's full chain, as the walkthrough's register command does. */
        List<String> curlCredentials() {
            return List.of("--cert", deviceFullChain, "--key", deviceKey);
        }
    }

    static SeedPki create() {
        HeldCertificate root = HeldCertificate.builder()
                .commonName("Azure IoT Hub CA Cert Test Only")
                .certificateAuthority()
                .validFor(Duration.ofDays(30))
                .build();
        HeldCertificate intermediate = HeldCertificate.builder()
                .commonName("Azure IoT Hub Intermediate Cert Test Only")
                .certificateAuthority(0)
                .validFor(Duration.ofDays(30))
                .signedBy(root)
                .build();
        return new SeedPki(root, intermediate);
    }

    HeldCertificate device(String registrationId) {
        return device(registrationId, UnaryOperator.identity());
    }

    /** A device certificate from the intermediate; {@code adjust} can spoil it for negative tests. */
    HeldCertificate device(String registrationId, UnaryOperator<HeldCertificate.Builder> adjust) {
        return adjust.apply(HeldCertificate.builder().commonName(registrationId).clientAuth().signedBy(intermediate)).build();
    }

    /** A certificate whose CN is the verification code, signed by the root's key: the proof of possession. */
    HeldCertificate verificationCertificate(String verificationCode) {
        return HeldCertificate.builder().commonName(verificationCode).signedBy(root).build();
    }

    SeedFiles writeSeedFiles(Path directory, HeldCertificate device) {
        String name = device.commonName();
        SeedFiles files = new SeedFiles(
                "certs/azure-iot-test-only.root.ca.cert.pem",
                "certs/azure-iot-test-only.intermediate.cert.pem",
                "certs/" + name + ".cert.pem",
                "certs/" + name + "-full-chain.cert.pem",
                "private/" + name + ".key.pem");
        IdentityFiles.writeCertificates(directory.resolve(files.rootCertificate()), List.of(root.certificate()));
        IdentityFiles.writeCertificates(directory.resolve(files.intermediateCertificate()), List.of(intermediate.certificate()));
        IdentityFiles.writeCertificates(directory.resolve(files.deviceCertificate()), List.of(device.certificate()));
        IdentityFiles.writeCertificates(directory.resolve(files.deviceFullChain()), device.fullChain());
        IdentityFiles.writePrivateKey(directory.resolve(files.deviceKey()), device.privateKey());
        return files;
    }

    /** Writes exactly {@code presented} (leaf first) and the key under {@code stem}; returns curl's arguments to present them. */
    static List<String> curlIdentity(Path directory, String stem, List<X509Certificate> presented, PrivateKey key) {
        String certificate = "certs/" + stem + ".chain.pem";
        String privateKey = "private/" + stem + ".key.pem";
        IdentityFiles.writeCertificates(directory.resolve(certificate), presented);
        IdentityFiles.writePrivateKey(directory.resolve(privateKey), key);
        return List.of("--cert", certificate, "--key", privateKey);
    }
}
