package dev.dpsrig.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetIdentitiesTest {
    @TempDir
    Path cache;

    private final HeldCertificate intermediate = HeldCertificate.builder()
            .commonName("fleet intermediate").certificateAuthority(0).build();

    @Test
    void sameSeedGivesTheSameIdentitiesBitForBit() {
        FleetIdentities first = fleet("soak").build();
        FleetIdentities second = fleet("soak").build();

        HeldCertificate a = first.identity(7);
        HeldCertificate b = second.identity(7);

        assertThat(a.commonName()).isEqualTo("sensor-007");
        assertThat(b.certificate()).isEqualTo(a.certificate());
        assertThat(b.privateKey()).isEqualTo(a.privateKey());
        assertThat(ChainValidator.trusting(List.of(intermediate.certificate())).requiringClientAuth()
                .validate(a.fullChain()).trusted()).isTrue();
    }

    @Test
    void differentSeedsAndDevicesGetDifferentKeys() {
        HeldCertificate soak = fleet("soak").build().identity(1);

        assertThat(fleet("other").build().identity(1).privateKey()).isNotEqualTo(soak.privateKey());
        assertThat(fleet("soak").build().identity(2).privateKey()).isNotEqualTo(soak.privateKey());
    }

    @Test
    void rsaFleetsAreReproducibleToo() {
        HeldCertificate a = fleet("rsa").keyType(KeyType.RSA_2048).build().identity(0);
        HeldCertificate b = fleet("rsa").keyType(KeyType.RSA_2048).build().identity(0);

        assertThat(KeyType.describe(a.privateKey())).isEqualTo("RSA 2048");
        assertThat(b.certificate()).isEqualTo(a.certificate());
    }

    @Test
    void cachedIdentitiesAreWrittenOnceAndReadBack() throws Exception {
        FleetIdentities fleet = fleet("cached").cacheDirectory(cache).build();

        HeldCertificate issued = fleet.identity(3);
        List<Path> files = fleet.files(3).orElseThrow();
        long written = Files.getLastModifiedTime(files.getFirst()).toMillis();
        HeldCertificate reread = fleet("cached").cacheDirectory(cache).build().identity(3);

        assertThat(files).allSatisfy(file -> assertThat(file).exists());
        assertThat(files.getFirst().getFileName()).hasToString("sensor-003.cert.pem");
        assertThat(IdentityFiles.readCertificates(files.getFirst())).isEqualTo(issued.fullChain());
        assertThat(reread.certificate()).isEqualTo(issued.certificate());
        assertThat(Files.getLastModifiedTime(files.getFirst()).toMillis()).isEqualTo(written);
    }

    @Test
    void changedInputsUseAnotherCacheFolder() {
        FleetIdentities ec = fleet("cached").cacheDirectory(cache).build();
        FleetIdentities otherIssuer = FleetIdentities.builder().seed("cached").idPattern("sensor-%03d")
                .issuer(HeldCertificate.builder().commonName("another CA").certificateAuthority().build())
                .cacheDirectory(cache).build();

        assertThat(ec.directory()).isNotEqualTo(otherIssuer.directory());
    }

    @Test
    void patternWithoutNumberIsRefused() {
        assertThatThrownBy(() -> FleetIdentities.builder().idPattern("device"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same id");
        assertThatThrownBy(() -> FleetIdentities.builder().idPattern("device-%s-%d"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FleetIdentities.builder().idPattern("../device-%d"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not file names");
    }

    @Test
    void devicesDoNotOutliveTheirIssuer() {
        HeldCertificate device = fleet("window").build().identity(0);

        assertThat(device.certificate().getNotAfter()).isEqualTo(intermediate.certificate().getNotAfter());
    }

    private FleetIdentities.Builder fleet(String seed) {
        return FleetIdentities.builder().seed(seed).idPattern("sensor-%03d").issuer(intermediate);
    }
}
