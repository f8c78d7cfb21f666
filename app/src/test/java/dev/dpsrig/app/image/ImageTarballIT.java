package dev.dpsrig.app.image;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The container image as the build writes it (target/dpsrig-image.tar, OCI layout): what it runs and
 * as whom, what it keeps and exposes, that java carries the capability to bind port 443, and that
 * every digest in it holds, as {@code docker load} and registries check them.
 */
class ImageTarballIT {
    /** {@code vfs_cap_data} revision 2 granting CAP_NET_BIND_SERVICE, permitted and effective. */
    static final byte[] NET_BIND_SERVICE_CAPABILITY = HexFormat.of().parseHex("0100000200040000000000000000000000000000");

    private static OciImage image;

    @BeforeAll
    static void readImage() throws IOException {
        image = OciImage.read(ImageTarball.built());
    }

    @Test
    void theIndexNamesTheImage() {
        JsonObject annotations = image.index().getJsonArray("manifests").getJsonObject(0).getJsonObject("annotations");
        assertThat(annotations.getString("org.opencontainers.image.ref.name")).isEqualTo(System.getProperty(OciImage.NAME_PROPERTY));
    }

    @Test
    void itServesAsTheDpsrigUserWithItsDataInTheVolume() {
        JsonObject config = image.config().getJsonObject("config");

        assertThat(config.getString("User")).isEqualTo("10001:10001");
        assertThat(strings(config, "Entrypoint"))
                .containsExactly("/opt/dpsrig/jre/bin/java", "--enable-native-access=ALL-UNNAMED", "-jar", "/opt/dpsrig/dpsrig.jar");
        assertThat(strings(config, "Cmd")).containsExactly("serve");
        assertThat(strings(config, "Env")).contains("DPSRIG_DATA_DIR=/data");
        assertThat(config.getJsonObject("Volumes").keySet()).containsExactly("/data");
        assertThat(config.getJsonObject("ExposedPorts").keySet()).containsExactlyInAnyOrder("443/tcp", "8883/tcp", "8443/tcp", "8444/tcp", "8884/tcp");
        assertThat(config.getJsonObject("Labels").getString("org.opencontainers.image.version")).isNotBlank();
        assertThat(image.file("etc/passwd").orElseThrow().text()).contains("dpsrig:x:10001:10001:");
        assertThat(image.file("etc/group").orElseThrow().text()).contains("dpsrig:x:10001:");
        assertThat(image.file("data/").orElseThrow().entry().getMode() & 0777).as("/data's mode").isEqualTo(0777);
    }

    @Test
    void javaMayBindPortsBelow1024() {
        TarArchiveEntry java = image.file("opt/dpsrig/jre/bin/java").orElseThrow().entry();

        String capability = java.getExtraPaxHeader("SCHILY.xattr.security.capability");
        assertThat(capability).as("the security.capability record on java's entry").isNotNull();
        assertThat(capability.getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(NET_BIND_SERVICE_CAPABILITY);
        assertThat(java.getMode() & 0755).isEqualTo(0755);
        assertThat(image.file("opt/dpsrig/dpsrig.jar")).isPresent();
    }

    /** With a capability, java ignores its $ORIGIN run path: its launcher library must be where libc is. */
    @Test
    void javasLauncherLibraryIsWhereTheLoaderTrusts() {
        Set<String> paths = image.files().keySet();
        String libc = paths.stream().filter(path -> path.endsWith("/libc.so.6")).findFirst().orElseThrow();

        assertThat(paths).contains(libc.replace("libc.so.6", "libjli.so"));
    }

    @Test
    void everyDigestHolds() throws IOException {
        JsonObject manifest = image.manifest();
        JsonObject config = manifest.getJsonObject("config");
        assertThat(sha256(image.blob(config.getString("digest")))).isEqualTo(config.getString("digest"));
        assertThat(image.blob(config.getString("digest"))).hasSize(config.getInt("size"));

        List<JsonObject> layers = manifest.getJsonArray("layers").getValuesAs(JsonObject.class);
        List<String> diffIds = strings(image.config().getJsonObject("rootfs"), "diff_ids");
        assertThat(layers).hasSize(diffIds.size()).hasSizeGreaterThanOrEqualTo(3);
        for (int i = 0; i < layers.size(); i++) {
            byte[] layer = image.blob(layers.get(i).getString("digest"));
            assertThat(sha256(layer)).as("layer %d's digest", i).isEqualTo(layers.get(i).getString("digest"));
            assertThat(layer).as("layer %d's size", i).hasSize(layers.get(i).getInt("size"));
            try (InputStream uncompressed = OciImage.ungzip(layer)) {
                assertThat(sha256(uncompressed.readAllBytes())).as("layer %d's diff id", i).isEqualTo(diffIds.get(i));
            }
        }
    }

    private static List<String> strings(JsonObject object, String name) {
        return object.getJsonArray(name).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    static String sha256(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
