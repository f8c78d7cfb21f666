package dev.dpsrig.emulator.fleet;

import dev.dpsrig.certs.FleetIdentities;
import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.emulator.device.DeviceAttestation;
import dev.dpsrig.protocol.service.AttestationMechanism;
import dev.dpsrig.protocol.service.EnrollmentGroup;
import dev.dpsrig.protocol.service.EnrollmentSettings;
import dev.dpsrig.protocol.service.IndividualEnrollment;
import dev.dpsrig.protocol.service.SymmetricKeyAttestation;
import dev.dpsrig.protocol.service.X509Attestation;
import dev.dpsrig.protocol.service.X509CertificateWithInfo;
import dev.dpsrig.protocol.service.X509Certificates;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Every secret of a fleet, derived from its seed: the group key, each individual device key, the X.509
 * group's CA key and each device's certificate ({@link FleetIdentities}). Any machine with the same spec
 * derives the same ones, so shards on different machines enroll and attest consistently.
 */
public final class FleetCredentials {
    private final FleetSpec spec;
    private final String groupKey;
    private final HeldCertificate ca;
    private final FleetIdentities groupIdentities;
    private final FleetIdentities individualIdentities;

    public FleetCredentials(FleetSpec spec, Optional<Path> identityCache) {
        this.spec = spec;
        this.groupKey = key("group-key", spec.enrollmentGroup());
        FleetIdentities caKey = FleetIdentities.builder().seed(spec.seed() + "-ca").idPattern("dpsrig-fleet-ca-%d")
                .keyType(spec.keyType()).build();
        this.ca = HeldCertificate.builder().commonName("dpsrig fleet CA " + spec.enrollmentGroup() + " " + spec.seed())
                .keyPair(caKey.identity(0).keyPair()).certificateAuthority()
                .validity(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2049-12-31T23:59:59Z"))
                .serialNumber(BigInteger.valueOf(Math.abs(spec.seed() % 1_000_000_007L) + 1)).build();
        FleetIdentities.Builder group = FleetIdentities.builder().seed(spec.seed() + "-x509-group").idPattern(spec.idPattern())
                .keyType(spec.keyType()).issuer(ca);
        FleetIdentities.Builder individual = FleetIdentities.builder().seed(spec.seed() + "-x509-individual")
                .idPattern(spec.idPattern()).keyType(spec.keyType());
        identityCache.ifPresent(dir -> {
            group.cacheDirectory(dir);
            individual.cacheDirectory(dir);
        });
        this.groupIdentities = group.build();
        this.individualIdentities = individual.build();
    }

    public DeviceAttestation attestation(long index) {
        String id = spec.registrationId(index);
        return switch (spec.attestationOf(index)) {
            case GROUP_SYMMETRIC_KEY -> DeviceAttestation.SymmetricKey.fromGroupKey(id, groupKey);
            case INDIVIDUAL_SYMMETRIC_KEY -> DeviceAttestation.SymmetricKey.individual(id, key("device-key", id));
            case X509_GROUP -> new DeviceAttestation.X509(id, groupIdentities.identity(index));
            case X509_INDIVIDUAL -> new DeviceAttestation.X509(id, individualIdentities.identity(index));
        };
    }

    public String symmetricGroupId() {
        return spec.enrollmentGroup() + "-symmetric-key";
    }

    public String x509GroupId() {
        return spec.enrollmentGroup() + "-x509";
    }

    public HeldCertificate ca() {
        return ca;
    }

    /**
     * Creates (or replaces) what the fleet's attestations need: the groups its mix uses, and an individual
     * enrollment for each of this shard's individual devices. Returns how many enrollments it wrote.
     */
    public int enroll(ServiceApiClient service, int parallel) throws InterruptedException {
        int written = 0;
        if (spec.mix().getOrDefault(FleetAttestation.GROUP_SYMMETRIC_KEY, 0) > 0) {
            service.putGroup(EnrollmentGroup.of(symmetricGroupId(),
                    SymmetricKeyAttestation.of(groupKey, key("group-secondary-key", spec.enrollmentGroup())), EnrollmentSettings.NONE),
                    Optional.empty());
            written++;
        }
        if (spec.mix().getOrDefault(FleetAttestation.X509_GROUP, 0) > 0) {
            service.putCertificate(spec.enrollmentGroup() + "-ca", ca.certificatePem(), true, Optional.empty());
            service.putGroup(EnrollmentGroup.of(x509GroupId(), X509Attestation.signingCertificates(held(ca)), EnrollmentSettings.NONE),
                    Optional.empty());
            written++;
        }
        Semaphore permits = new Semaphore(parallel);
        List<Future<?>> puts = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            int size = spec.shard().size(spec.devices());
            for (int n = 0; n < size; n++) {
                long index = spec.shard().deviceIndex(n);
                FleetAttestation kind = spec.attestationOf(index);
                if (kind != FleetAttestation.INDIVIDUAL_SYMMETRIC_KEY && kind != FleetAttestation.X509_INDIVIDUAL) {
                    continue;
                }
                permits.acquire();
                puts.add(threads.submit(() -> {
                    try {
                        service.putEnrollment(individualEnrollment(index), Optional.empty());
                    } finally {
                        permits.release();
                    }
                    return null;
                }));
            }
        }
        for (Future<?> put : puts) {
            try {
                put.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
            }
        }
        return written + puts.size();
    }

    private IndividualEnrollment individualEnrollment(long index) {
        String id = spec.registrationId(index);
        AttestationMechanism attestation = spec.attestationOf(index) == FleetAttestation.INDIVIDUAL_SYMMETRIC_KEY
                ? SymmetricKeyAttestation.of(key("device-key", id), key("device-secondary-key", id))
                : X509Attestation.clientCertificates(held(individualIdentities.identity(index)));
        return IndividualEnrollment.of(id, attestation, EnrollmentSettings.NONE);
    }

    /** A certificate held in an enrollment, with no second one. */
    private static X509Certificates held(HeldCertificate certificate) {
        return new X509Certificates(X509CertificateWithInfo.of(certificate.certificatePem()), Optional.empty());
    }

    /** 32 bytes of SHA-256 over the seed, a purpose and a name, base64: a valid DPS symmetric key. */
    private String key(String purpose, String name) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(("dpsrig-fleet-v1|" + spec.seed() + "|" + purpose + "|" + name).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(sha256.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
