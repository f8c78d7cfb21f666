package dev.dpsrig.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The example README shows for the extension is the example test the build runs, word for word. */
class ReadmeExampleTest {

    @Test
    void readmeShowsTheExampleTestAsItIs() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        int start = readme.indexOf("```java\nclass ExampleProvisioningIT {");
        assertThat(start).as("README.md shows class ExampleProvisioningIT in a java block").isNotNegative();
        String shown = readme.substring(start + "```java\n".length(), readme.indexOf("\n```", start) + 1);

        assertThat(Files.readString(Path.of("src/test/java/dev/dpsrig/junit/ExampleProvisioningIT.java"))).contains(shown);
    }
}
