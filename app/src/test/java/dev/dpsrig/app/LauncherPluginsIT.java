package dev.dpsrig.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code dpsrig} launcher's class path: a Pi4J GPIO plugin dropped into {@code plugins/} beside the launcher,
 * or named by {@code DPSRIG_CLASSPATH}, is what {@code gpio: pi4j} drives; without one the command says what to
 * add. The plugin is a small one compiled here, whose platform and providers outrank Pi4J's mock as a Raspberry Pi's do.
 * The launcher runs from a copy of the checkout's layout that links the packaged jar, so it never rebuilds it.
 */
class LauncherPluginsIT {
    private static final Path JAR = Path.of("target", "dpsrig.jar");
    private static final String PLUGIN = """
            package bench.gpio;

            import com.pi4j.context.Context;
            import com.pi4j.extension.Plugin;
            import com.pi4j.extension.PluginService;
            import com.pi4j.platform.PlatformBase;
            import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProviderImpl;
            import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProviderImpl;

            public class BenchGpioPlugin implements Plugin {
                @Override
                public void initialize(PluginService service) {
                    service.register(new BenchPlatform());
                    service.register(new Output(), new Input());
                }

                public static class BenchPlatform extends PlatformBase<BenchPlatform> {
                    public BenchPlatform() {
                        super("bench-platform", "Bench", "the GPIO lines of a test bench");
                    }

                    @Override
                    public int priority() {
                        return 100;
                    }

                    @Override
                    public boolean enabled(Context context) {
                        return true;
                    }

                    @Override
                    protected String[] getProviders() {
                        return new String[] {"bench-digital-output", "bench-digital-input"};
                    }
                }

                public static class Output extends MockDigitalOutputProviderImpl {
                    public Output() {
                        id = "bench-digital-output";
                        name = "Bench digital output";
                    }

                    @Override
                    public int getPriority() {
                        return 2000;
                    }
                }

                public static class Input extends MockDigitalInputProviderImpl {
                    public Input() {
                        id = "bench-digital-input";
                        name = "Bench digital input";
                    }

                    @Override
                    public int getPriority() {
                        return 2000;
                    }
                }
            }
            """;

    @TempDir
    Path checkout;

    @TempDir
    Path work;

    private Path rigFile;

    private record Run(int exitCode, String output) { }

    @BeforeEach
    void layout() throws IOException {
        assertThat(JAR).as("packaged before integration tests run").isRegularFile();
        Path launcher = Files.copy(Path.of("..", "dpsrig"), checkout.resolve("dpsrig"));
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(checkout.resolve(".mvn"));
        Files.copy(Path.of("..", ".mvn", "jdk.sh"), checkout.resolve(".mvn").resolve("jdk.sh"));
        Path target = Files.createDirectories(checkout.resolve("app").resolve("target"));
        Files.createSymbolicLink(target.resolve("dpsrig.jar"), JAR.toAbsolutePath());
        Files.createSymbolicLink(target.resolve("lib"), Path.of("target", "lib").toAbsolutePath());
        rigFile = Files.writeString(work.resolve("rig.yaml"), "gpio: pi4j\nboards:\n"
                + "  - {name: gateway, serial: {port: /dev/ttyUSB0}, gpio: {power: {pin: 17, active-low: true}}, mode: tethered}\n");
    }

    /** The links into the build go first, so cleaning up the copy never reaches the jar they point at. */
    @AfterEach
    void unlink() throws IOException {
        Path target = checkout.resolve("app").resolve("target");
        Files.delete(target.resolve("dpsrig.jar"));
        Files.delete(target.resolve("lib"));
    }

    private Run powerOn(Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(checkout.resolve("dpsrig").toString(), "rig", "power", "on", "gateway",
                "--rig", rigFile.toString())).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("DPSRIG_CLASSPATH");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as(output).isTrue();
        return new Run(process.exitValue(), output);
    }

    /** The plugin above, compiled against the test class path (Pi4J's core and mock) and packed as a Pi4J plugin jar. */
    private Path pluginJar(Path folder) throws IOException {
        Path sources = Files.createDirectories(work.resolve("src").resolve("bench").resolve("gpio"));
        Path source = Files.writeString(sources.resolve("BenchGpioPlugin.java"), PLUGIN);
        Path classes = Files.createDirectories(work.resolve("classes"));
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-cp", System.getProperty("java.class.path"),
                "-d", classes.toString(), source.toString());
        assertThat(compiled).as("the test plugin compiles").isZero();
        Path jar = Files.createDirectories(folder).resolve("bench-gpio.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("META-INF/services/com.pi4j.extension.Plugin"));
            out.write("bench.gpio.BenchGpioPlugin\n".getBytes(StandardCharsets.UTF_8));
            try (var walk = Files.walk(classes)) {
                for (Path path : walk.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                    out.write(Files.readAllBytes(path));
                }
            }
        }
        return jar;
    }

    @Test
    void withoutAGpioPluginTheCommandSaysWhatToAdd() throws Exception {
        Run run = powerOn(Map.of());

        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output().lines().toList()).singleElement().asString()
                .startsWith("dpsrig rig power: no Pi4J GPIO provider on the class path (only Pi4J's mock); add ");
    }

    @Test
    void aPluginInThePluginsFolderDrivesTheLines() throws Exception {
        pluginJar(checkout.resolve("plugins"));

        Run run = powerOn(Map.of());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output().lines().toList()).containsExactly("gateway power GPIO 17 (active low) on");
    }

    @Test
    void aPluginNamedByDpsrigClasspathDrivesTheLines() throws Exception {
        Path jar = pluginJar(work.resolve("elsewhere"));

        Run run = powerOn(Map.of("DPSRIG_CLASSPATH", "/nonexistent/first.jar:" + jar));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output().lines().toList()).containsExactly("gateway power GPIO 17 (active low) on");
    }
}
