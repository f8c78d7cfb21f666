package dev.dpsrig.features.steps;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.KeyType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The secrets one scenario made: its certificate authorities, the certificates of its devices, and the
 * symmetric keys of its enrollments and groups. They are made here rather than by DPS, so a device step
 * presents exactly what an enrollment step enrolled without asking the target for it back.
 */
public final class Credentials {
    private final ScenarioTarget target;
    private final Map<CertificateKey, HeldCertificate> certificates = new LinkedHashMap<>();
    private final Map<String, String> keys = new LinkedHashMap<>();

    public Credentials(ScenarioTarget target) {
        this.target = target;
    }

    /**
     * A root CA of this name with an intermediate under it, both of the key type; the scenario holds the
     * intermediate as {@link #authority}. Nothing is uploaded: the root is returned for that.
     */
    public HeldCertificate newAuthority(String name, KeyType keyType) {
        HeldCertificate root = HeldCertificate.builder().commonName(name).keyType(keyType).certificateAuthority().build();
        HeldCertificate intermediate = HeldCertificate.builder().commonName(name + " intermediate").keyType(keyType)
                .certificateAuthority(0).signedBy(root).build();
        certificates.put(new CertificateKey.Authority(name), intermediate);
        return root;
    }

    /** A new root CA with an intermediate, as {@link #newAuthority}, whose root the target holds, verified or not. */
    public void uploadedAuthority(String name, KeyType keyType, boolean verified) {
        HeldCertificate root = newAuthority(name, keyType);
        target.uploadCaCertificate(name, root.certificate(), verified);
    }

    /** The intermediate of the scenario's CA of this name, which signs the certificates it issues. */
    public HeldCertificate authority(String name) {
        HeldCertificate intermediate = certificates.get(new CertificateKey.Authority(name));
        if (intermediate == null) {
            throw new AssertionError("no CA '" + name + "' in this scenario; create it first (the CAs are " + authorityNames() + ")");
        }
        return intermediate;
    }

    /** A client certificate for this common name, issued by the scenario's CA of that name. */
    public HeldCertificate issue(String authority, String commonName) {
        return HeldCertificate.builder().commonName(commonName).clientAuth().signedBy(authority(authority)).build();
    }

    /** Holds a certificate made elsewhere, such as the self-signed one an enrollment step enrolled, for a later step. */
    public void hold(CertificateKey key, HeldCertificate certificate) {
        certificates.put(key, certificate);
    }

    public Optional<HeldCertificate> certificate(CertificateKey key) {
        return Optional.ofNullable(certificates.get(key));
    }

    /** The certificate held under this key, made and held now if there is none yet. */
    public HeldCertificate certificate(CertificateKey key, Supplier<HeldCertificate> otherwise) {
        HeldCertificate held = certificates.get(key);
        if (held == null) {
            held = otherwise.get();
            certificates.put(key, held);
        }
        return held;
    }

    /** The primary key of an enrollment or group, under the name the scenario gave it. */
    public void rememberKey(String enrollmentOrGroup, String primaryKey) {
        keys.put(enrollmentOrGroup, primaryKey);
    }

    /** The primary key of the scenario's symmetric-key enrollment or group of this name. */
    public String key(String enrollmentOrGroup) {
        String key = keys.get(enrollmentOrGroup);
        if (key == null) {
            throw new AssertionError("no symmetric-key enrollment or group '" + enrollmentOrGroup
                    + "' in this scenario; enroll it with symmetric keys first");
        }
        return key;
    }

    private List<String> authorityNames() {
        List<String> names = new ArrayList<>();
        for (CertificateKey key : certificates.keySet()) {
            if (key instanceof CertificateKey.Authority authority) {
                names.add(authority.name());
            }
        }
        return names;
    }
}
