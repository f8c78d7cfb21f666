package dev.dpsrig.app.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import java.nio.file.Path;

/** Where the build left the container image tarball, or why there is none to test. */
final class ImageTarball {
    private ImageTarball() {
    }

    /**
     * The tarball's path; aborts the calling test when the build made no image (not on Linux, where
     * its profile is off, or with -Dimage.skip), and fails it when it should have and did not.
     */
    static Path built() {
        String tarball = System.getProperty(OciImage.TARBALL_PROPERTY);
        if (tarball == null) {
            abort("no container image: the image profile builds it on Linux only");
        }
        if (Boolean.parseBoolean(System.getProperty(OciImage.SKIP_PROPERTY))) {
            abort("no container image: built with -Dimage.skip");
        }
        Path path = Path.of(tarball);
        assertThat(path).as("the image tarball, built in the package phase").isRegularFile();
        return path;
    }
}
