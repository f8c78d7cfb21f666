package dev.dpsrig.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.sdk.iot.provisioning.security.hsm.SecurityProviderX509Cert;
import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.simulator.http.InProcessDps;
import java.util.List;
import java.util.Optional;

/**
 * A root CA uploaded to DPS and verified by proof of possession, and an intermediate CA it signed, as the X.509
 * walkthroughs set them up; devices get certificates signed by the intermediate and present it with their own.
 *
 * @param name the CA certificate's name in DPS, which an enrollment group's {@code caReferences} name
 */
public record VerifiedCaChain(String name, HeldCertificate root, HeldCertificate intermediate) {

    /** Makes the root and intermediate, uploads the root as {@code name} and verifies it with a certificate whose CN is DPS's code. */
    public static VerifiedCaChain uploadAndVerify(InProcessDps dps, String name) {
        HeldCertificate root = HeldCertificate.builder().commonName("dpsrig interop root CA " + name).certificateAuthority().build();
        HeldCertificate intermediate = HeldCertificate.builder().commonName("dpsrig interop intermediate CA " + name)
                .certificateAuthority(0).signedBy(root).build();
        dps.putCaCertificate(name, root.certificate(), false, Optional.empty());
        String code = dps.generateVerificationCode(name, Optional.empty()).verificationCode().orElseThrow();
        assertThat(dps.verifyCaCertificate(name, HeldCertificate.builder().commonName(code).signedBy(root).build().certificate(),
                Optional.empty()).verified()).isTrue();
        return new VerifiedCaChain(name, root, intermediate);
    }

    /** A device certificate (CN = {@code registrationId}, clientAuth) signed by the intermediate. */
    public HeldCertificate issueDevice(String registrationId) {
        return HeldCertificate.builder().commonName(registrationId).clientAuth().signedBy(intermediate).build();
    }

    /** The Java SDK's provider for {@code device}, presenting the intermediate after it, as the SDK's samples pass a chain. */
    SecurityProviderX509Cert securityProvider(HeldCertificate device) {
        return new SecurityProviderX509Cert(device.certificate(), device.privateKey(), List.of(intermediate.certificate()));
    }
}
