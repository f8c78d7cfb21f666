package dev.dpsrig.simulator.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.certs.Certificates;
import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.protocol.HubErrorCode;
import dev.dpsrig.protocol.HubException;
import dev.dpsrig.protocol.SasToken;
import dev.dpsrig.protocol.SymmetricKeys;
import dev.dpsrig.simulator.dps.DeviceCredentials;
import dev.dpsrig.simulator.dps.HubDevice.HubAuthentication;
import dev.dpsrig.simulator.dps.HubDevice;
import dev.dpsrig.simulator.dps.MutableClock;
import dev.dpsrig.simulator.dps.Revision;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HubAuthenticatorTest {
    private static final String HUB_HOST = "localhost:44321";
    private static final Set<String> HOST_NAMES = Set.of(HUB_HOST, "localhost");
    private static final String DEVICE = "device-01";

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final HubAuthenticator authenticator = new HubAuthenticator(clock);

    @Nested
    class SasTokens {
        private final String primary = SymmetricKeys.generate();
        private final String secondary = SymmetricKeys.generate();
        private final HubDevice device = device(new HubAuthentication.Sas(primary, secondary));

        @Test
        void tokenSignedWithEitherKeyIsSas() {
            assertThat(authenticate(device, token(HUB_HOST + "/devices/" + DEVICE, primary))).isEqualTo("sas");
            assertThat(authenticate(device, token(HUB_HOST + "/devices/" + DEVICE, secondary))).isEqualTo("sas");
        }

        @Test
        void hostWithoutPortOrInAnotherCaseIsTheSameHub() {
            assertThat(authenticate(device, token("localhost/devices/" + DEVICE, primary))).isEqualTo("sas");
            assertThat(authenticate(device, token("LocalHost:44321/devices/" + DEVICE, primary))).isEqualTo("sas");
        }

        @Test
        void moduleTokenForAModuleRequest() {
            assertThat(authenticator.authenticate(device, Optional.of("filter"),
                    token(HUB_HOST + "/devices/" + DEVICE + "/modules/filter", primary), HOST_NAMES)).isEqualTo("sas");
        }

        @Test
        void wrongKey() {
            assertUnauthorized(() -> authenticate(device, token(HUB_HOST + "/devices/" + DEVICE, SymmetricKeys.generate())),
                    "the token's signature matches neither key of device '" + DEVICE + "'");
        }

        @Test
        void tokenExpiresAtItsSe() {
            DeviceCredentials credentials = token(HUB_HOST + "/devices/" + DEVICE, primary, clock.instant().plusSeconds(10));
            assertThat(authenticate(device, credentials)).isEqualTo("sas");

            clock.advance(Duration.ofSeconds(10));

            assertUnauthorized(() -> authenticate(device, credentials), "the token expired at " + clock.instant());
        }

        @Test
        void dpsToken() {
            assertUnauthorized(() -> authenticate(device, token("0ne00000001/registrations/" + DEVICE, primary)),
                    "this is a DPS token; it is good for registration only");
        }

        @Test
        void tokenForAnotherHost() {
            assertUnauthorized(() -> authenticate(device, token("other.azure-devices.net/devices/" + DEVICE, primary)),
                    "is not this hub");
        }

        @Test
        void tokenForAnotherDeviceOrAPrefixOfIt() {
            assertUnauthorized(() -> authenticate(device, token(HUB_HOST + "/devices/device-02", primary)),
                    "not for device '" + DEVICE + "'");
            assertUnauthorized(() -> authenticate(device, token(HUB_HOST + "/devices/device-0", primary)),
                    "not for device '" + DEVICE + "'");
            assertUnauthorized(() -> authenticate(device, token(HUB_HOST + "/devices/" + DEVICE + "/modules/filter", primary)),
                    "not for device '" + DEVICE + "'");
        }

        @Test
        void tokenForTheWholeHubNamingAPolicy() {
            SasToken policyToken = SasToken.sign(HUB_HOST, primary, clock.instant().plusSeconds(3600), Optional.of("device"));

            assertUnauthorized(() -> authenticate(device, new DeviceCredentials.Sas(policyToken)),
                    "its sr must be '" + HUB_HOST + "/devices/" + DEVICE + "'");
        }

        @Test
        void deviceTokenNamingAPolicy() {
            SasToken policyToken = SasToken.sign(HUB_HOST + "/devices/" + DEVICE, primary, clock.instant().plusSeconds(3600),
                    Optional.of("device"));

            assertUnauthorized(() -> authenticate(device, new DeviceCredentials.Sas(policyToken)),
                    "names the shared access policy 'device'");
        }

        @Test
        void certificateForASasDevice() {
            HeldCertificate certificate = HeldCertificate.builder().commonName(DEVICE).clientAuth().build();

            assertUnauthorized(() -> authenticate(device, new DeviceCredentials.ClientCertificate(certificate.fullChain())),
                    "authenticates with symmetric keys; send a SAS token");
        }

        @Test
        void nothingAtAll() {
            assertUnauthorized(() -> authenticate(device, new DeviceCredentials.None()),
                    "must present a SAS token signed with its key");
        }
    }

    @Nested
    class SelfSignedCertificates {
        private final HeldCertificate primary = selfSigned(Duration.ofDays(30));
        private final HeldCertificate secondary = selfSigned(Duration.ofDays(30));
        private final HubDevice device = device(new HubAuthentication.SelfSigned(
                Certificates.sha1Thumbprint(primary.certificate()).toLowerCase(Locale.ROOT),
                Optional.of(Certificates.sha1Thumbprint(secondary.certificate()))));

        @Test
        void primaryOrSecondaryCertificateWhateverTheCaseOfTheThumbprint() {
            assertThat(authenticate(device, certificate(primary.certificate()))).isEqualTo("selfSigned");
            assertThat(authenticate(device, certificate(secondary.certificate()))).isEqualTo("selfSigned");
        }

        @Test
        void anotherCertificateWithTheSameName() {
            assertUnauthorized(() -> authenticate(device, certificate(selfSigned(Duration.ofDays(30)).certificate())),
                    "Thumbprint does not match configuration");
        }

        @Test
        void expiredCertificate() {
            clock.advance(Duration.ofDays(31));

            assertUnauthorized(() -> authenticate(device, certificate(primary.certificate())), "not now");
        }

        @Test
        void tokenForAnX509Device() {
            assertUnauthorized(() -> authenticate(device, token(HUB_HOST + "/devices/" + DEVICE, SymmetricKeys.generate())),
                    "authenticates with X.509 (selfSigned); present its certificate instead of a SAS token");
        }

        @Test
        void nothingAtAll() {
            assertUnauthorized(() -> authenticate(device, new DeviceCredentials.None()),
                    "its X.509 certificate in the TLS handshake");
        }

        private HeldCertificate selfSigned(Duration validity) {
            return HeldCertificate.builder().commonName(DEVICE).clientAuth().clock(clock).validFor(validity).build();
        }
    }

    @Nested
    class CaSignedCertificates {
        private final HeldCertificate root = HeldCertificate.builder().commonName("Test Root").certificateAuthority()
                .validFor(Duration.ofDays(30)).build();
        private final HeldCertificate intermediate = HeldCertificate.builder().commonName("Test Intermediate")
                .certificateAuthority(0).validFor(Duration.ofDays(30)).signedBy(root).build();
        private final HubDevice device = device(new HubAuthentication.CertificateAuthority(intermediate.certificate()));

        @Test
        void anyCertificateOfTheCaNamedAfterTheDevice() {
            HeldCertificate leaf = HeldCertificate.builder().commonName(DEVICE).clientAuth().signedBy(intermediate).build();
            HeldCertificate renewed = HeldCertificate.builder().commonName(DEVICE).clientAuth().signedBy(intermediate).build();

            assertThat(authenticate(device, new DeviceCredentials.ClientCertificate(leaf.fullChain()))).isEqualTo("certificateAuthority");
            assertThat(authenticate(device, new DeviceCredentials.ClientCertificate(renewed.fullChain())))
                    .isEqualTo("certificateAuthority");
        }

        @Test
        void certificateNamedAfterAnotherDevice() {
            HeldCertificate sibling = HeldCertificate.builder().commonName("device-02").clientAuth().signedBy(intermediate).build();

            assertUnauthorized(() -> authenticate(device, new DeviceCredentials.ClientCertificate(sibling.fullChain())),
                    "the client certificate's CN 'device-02' is not the device id '" + DEVICE + "'");
        }

        @Test
        void certificateOfAnotherCa() {
            HeldCertificate otherCa = HeldCertificate.builder().commonName("Other CA").certificateAuthority().build();
            HeldCertificate foreign = HeldCertificate.builder().commonName(DEVICE).clientAuth().signedBy(otherCa).build();

            assertUnauthorized(() -> authenticate(device, new DeviceCredentials.ClientCertificate(foreign.fullChain())),
                    "the client certificate does not chain to the CA of device '" + DEVICE + "'");
        }

        @Test
        void certificateOfTheCaNotForClientAuthentication() {
            HeldCertificate serverOnly = HeldCertificate.builder().commonName(DEVICE).serverAuth().signedBy(intermediate).build();

            assertUnauthorized(() -> authenticate(device, new DeviceCredentials.ClientCertificate(serverOnly.fullChain())),
                    "its extended key usage does not include clientAuth");
        }

        @Test
        void expiredCertificateOfTheCa() {
            Instant now = clock.instant();
            HeldCertificate expired = HeldCertificate.builder().commonName(DEVICE).clientAuth().signedBy(intermediate)
                    .validity(now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1))).build();

            assertUnauthorized(() -> authenticate(device, new DeviceCredentials.ClientCertificate(expired.fullChain())),
                    "does not chain to the CA");
        }
    }

    private String authenticate(HubDevice device, DeviceCredentials credentials) {
        return authenticator.authenticate(device, Optional.empty(), credentials, HOST_NAMES);
    }

    private DeviceCredentials token(String resourceUri, String key) {
        return token(resourceUri, key, clock.instant().plus(Duration.ofHours(1)));
    }

    private static DeviceCredentials token(String resourceUri, String key, Instant expiry) {
        return new DeviceCredentials.Sas(SasToken.sign(resourceUri, key, expiry, Optional.empty()));
    }

    private static DeviceCredentials certificate(X509Certificate certificate) {
        return new DeviceCredentials.ClientCertificate(List.of(certificate));
    }

    private HubDevice device(HubAuthentication authentication) {
        return new HubDevice(DEVICE, DEVICE, authentication, true, false, Optional.empty(), Revision.first(clock.instant()));
    }

    private static void assertUnauthorized(ThrowingCallable call, String messageFragment) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(HubException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(HubErrorCode.IOT_HUB_UNAUTHORIZED_ACCESS))
                .hasMessageContaining(messageFragment);
    }
}
