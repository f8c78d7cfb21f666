package dev.dpsrig.emulator.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.certs.Certificates;
import dev.dpsrig.certs.DelegatedKey;
import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.KeyType;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.SasSigner;
import dev.dpsrig.protocol.SymmetricKeys;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Devices whose secrets the device library never holds: an X.509 key that signs through a callback
 * (the library needs no change for it, TLS takes any private key) and a symmetric key whose SAS
 * signatures come from a {@link SasSigner}. Both register and send telemetry to the simulator.
 */
class DelegatedSigningIT {
    private LocalSimulator simulator;
    private DeviceTransport transport;
    private ProvisioningClient dps;

    @BeforeEach
    void start() {
        simulator = LocalSimulator.start(SimulatorConfig.builder().assignmentDelay(Duration.ofMillis(100)).build());
        transport = new DeviceTransport(List.of(simulator.trustedRoot()));
        dps = new ProvisioningClient(DpsEndpoint.of(simulator.globalEndpoint(), simulator.idScope(), List.of(simulator.trustedRoot())),
                transport);
    }

    @AfterEach
    void stop() {
        transport.close();
        simulator.close();
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"EC_P256", "RSA_2048"})
    void x509DeviceWithADelegatedKeyIsAssignedAndSends(KeyType keyType) throws Exception {
        HeldCertificate root = HeldCertificate.builder().commonName("delegated-root").certificateAuthority().build();
        HeldCertificate board = HeldCertificate.builder().commonName("held-" + keyType.cliName()).keyType(keyType)
                .clientAuth().signedBy(root).build();
        simulator.service().putCaCertificate("delegated-root", root.certificate(), true, Optional.empty());
        simulator.service().putGroup("boards", Jsonp.createObjectBuilder().add("attestation", Jsonp.createObjectBuilder()
                .add("type", "x509").add("x509", Jsonp.createObjectBuilder().add("signingCertificates", Jsonp.createObjectBuilder()
                        .add("primary", Jsonp.createObjectBuilder().add("certificate", Certificates.toPem(root.certificate())))))).build(),
                Optional.empty());
        List<String> signed = new CopyOnWriteArrayList<>();
        DelegatedKey key = DelegatedKey.forCertificate(board.certificate(), (algorithm, data) -> {
            signed.add(algorithm);
            return sign(board, algorithm, data);
        });
        HeldCertificate held = HeldCertificate.of(board.fullChain(), key);
        int beforeConnecting = signed.size();
        EmulatedDevice device = new EmulatedDevice(DeviceAttestation.X509.of(held), dps, transport, 7);

        RegistrationResult result = device.register(Optional.empty());

        assertThat(result.deviceId()).isEqualTo(board.commonName());
        assertThat(device.hub().send(Telemetry.text("{\"t\": 21.5}"), device.timeline(), device.random()))
                .isInstanceOf(TelemetryOutcome.Acknowledged.class);
        assertThat(simulator.iotHubs().getFirst().awaitMessages(board.commonName(), 1, Duration.ofSeconds(5))).singleElement()
                .satisfies(m -> assertThat(m.authMethod()).isEqualTo("certificateAuthority"));
        // At least one handshake to DPS and one to the hub, each signed through the callback.
        assertThat(signed.size() - beforeConnecting).isGreaterThanOrEqualTo(2);
    }

    @Test
    void symmetricKeyDeviceWhoseSignerHoldsTheKeyIsAssignedAndSends() throws Exception {
        String groupKey = SymmetricKeys.generate();
        simulator.service().putGroup("sym-boards", Jsonp.createObjectBuilder().add("attestation", Jsonp.createObjectBuilder()
                .add("type", "symmetricKey").add("symmetricKey", Jsonp.createObjectBuilder()
                        .add("primaryKey", groupKey).add("secondaryKey", SymmetricKeys.generate()))).build(), Optional.empty());
        SasSigner boardKey = SasSigner.withKey(SymmetricKeys.deriveDeviceKey(groupKey, "sym-board"));
        List<String> stringsSigned = new CopyOnWriteArrayList<>();
        SasSigner remote = stringToSign -> {
            stringsSigned.add(stringToSign);
            return boardKey.sign(stringToSign);
        };
        EmulatedDevice device = new EmulatedDevice(DeviceAttestation.SymmetricKey.signedBy("sym-board", remote), dps, transport, 7);

        device.register(Optional.empty());

        assertThat(device.timeline().statuses()).containsExactly("assigning", "assigned");
        assertThat(device.hub().send(Telemetry.text("{\"t\": 19}"), device.timeline(), device.random()))
                .isInstanceOf(TelemetryOutcome.Acknowledged.class);
        assertThat(simulator.iotHubs().getFirst().awaitMessages("sym-board", 1, Duration.ofSeconds(5))).hasSize(1);
        assertThat(stringsSigned).anySatisfy(s -> assertThat(s).startsWith(simulator.idScope() + "%2Fregistrations%2Fsym-board\n"))
                .anySatisfy(s -> assertThat(s).contains("%2Fdevices%2Fsym-board\n"));
    }

    /** What a board holding {@code identity}'s key would answer. */
    static byte[] sign(HeldCertificate identity, String algorithm, byte[] data) {
        try {
            Signature signature;
            if (algorithm.startsWith("RSASSA-PSS-SHA")) {
                String hash = "SHA-" + algorithm.substring("RSASSA-PSS-SHA".length());
                signature = Signature.getInstance("RSASSA-PSS");
                signature.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash),
                        Integer.parseInt(hash.substring(4)) / 8, PSSParameterSpec.TRAILER_FIELD_BC));
            } else {
                signature = Signature.getInstance(algorithm);
            }
            signature.initSign(identity.privateKey());
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
