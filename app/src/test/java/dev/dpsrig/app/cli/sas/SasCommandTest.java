package dev.dpsrig.app.cli.sas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.app.cli.CommandRun;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code dpsrig sas} against the walkthrough (seed 002): its published hub token from its inputs, and byte equality
 * with the walkthrough's token algorithm restated in Python ({@code seed-002/generate_token.py}) and run with python3.
 */
class SasCommandTest {
    /** The seed's device key for {@code my-symkey-device}. */
    private static final String SEED_KEY = "18RQk/hOPJR9EbsJlk2j8WA6vWaj/yi+oaYg7zmxfQNdOyMSu+SJ8O7TSlZhDJCYmn4rzEiVKIzNiVAWjLxrGA==";

    @TempDir
    Path temp;

    @Test
    void reproducesTheHubTokenPublishedInTheWalkthrough() {
        // uri, key, and se = 1663119026 as in the seed's "sample SAS token for these inputs" (expiry 3600, policy None).
        CommandRun run = sas(Clock.systemUTC(), "--uri", "MyExampleHub.azure-devices.net/devices/my-symkey-device", "--key", SEED_KEY,
                "--expires-at", "1663119026");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("SharedAccessSignature sr=MyExampleHub.azure-devices.net%2Fdevices%2Fmy-symkey-device"
                + "&sig=f%2BwW8XOKeJOtiPc9Iwjc4OpExvPM7NlhM9qxN2a1aAM%3D&se=1663119026" + System.lineSeparator());
    }

    @Test
    void ttlCountsFromNowAsTheScriptsExpiryDoes() {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1663115426, 999_000_000), ZoneOffset.UTC);
        CommandRun run = sas(clock, "--uri", "MyExampleHub.azure-devices.net/devices/my-symkey-device", "--key", SEED_KEY, "--ttl", "3600");

        assertThat(run.out().strip()).endsWith("&se=1663119026").contains("sig=f%2BwW8XOKeJOtiPc9Iwjc4OpExvPM7NlhM9qxN2a1aAM%3D");
    }

    @Test
    void dpsTokenWithPolicyRegistrationIsByteIdenticalToThePythonGenerator() throws Exception {
        String uri = "0ne00111111/registrations/my-symkey-device";
        long now = 1663952627L - 2592000L;
        String python = python(uri, SEED_KEY, 2592000, "'registration'", now);

        CommandRun run = sas(Clock.fixed(Instant.ofEpochSecond(now, 250_000_000), ZoneOffset.UTC),
                "--uri", uri, "--key", SEED_KEY, "--policy", "registration", "--ttl", "2592000");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().getBytes(StandardCharsets.UTF_8)).isEqualTo(python.getBytes(StandardCharsets.UTF_8));
        assertThat(run.out()).startsWith("SharedAccessSignature sr=0ne00111111%2Fregistrations%2Fmy-symkey-device&sig=")
                .contains("&se=1663952627&skn=registration");
    }

    @Test
    void awkwardInputsAreEncodedAsPythonEncodesThem() throws Exception {
        // Characters quote_plus and URLEncoder disagree on (~ and *), a space, non-ASCII, and a policy needing encoding.
        String uri = "scope1/registrations/dev ~*+ü/x";
        String key = "c2VjcmV0LWtleS13aXRoLXNsYXNoZXM/Pz8+Pj4+";
        String python = python(uri, key, 60, "'pol icy/x'", 1_700_000_000L);

        CommandRun run = sas(Clock.systemUTC(), "--uri", uri, "--key", key, "--policy", "pol icy/x", "--expires-at", "1700000060");

        assertThat(run.out()).isEqualTo(python);
    }

    @Test
    void badInputIsOneLineAndAUsageExit() {
        CommandRun notBase64 = sas(Clock.systemUTC(), "--uri", "a/b", "--key", "not base64!", "--ttl", "60");
        assertThat(notBase64.exitCode()).isEqualTo(2);
        assertThat(notBase64.err().lines()).singleElement().asString().endsWith("--key is not base64: character ' ' at position 4");

        CommandRun both = sas(Clock.systemUTC(), "--uri", "a/b", "--key", SEED_KEY, "--ttl", "60", "--expires-at", "5");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
    }

    /** Runs the Python generator with its placeholders filled in and {@code time()} fixed at {@code now}. */
    private String python(String uri, String key, long expiry, String policyLiteral, long now) throws IOException, InterruptedException {
        String script;
        try (InputStream in = SasCommandTest.class.getResourceAsStream("/seed-002/generate_token.py")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        script = script.replace("uri = '[resource_uri]'", "uri = " + pythonString(uri))
                .replace("key = '[device_key]'", "key = " + pythonString(key))
                .replace("expiry = [expiry_in_seconds]", "expiry = " + expiry)
                .replace("policy= '[policy]'", "policy= " + policyLiteral);
        Path file = temp.resolve("generate_token.py");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        Process process = new ProcessBuilder("python3", "-c",
                "import time\ntime.time = lambda: " + now + ".5\nexec(compile(open(" + pythonString(file.toString())
                        + ", encoding='utf-8').read(), 'generate_token.py', 'exec'))")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        List<String> lines = output.lines().toList();
        // The script prints the signed string (two lines) first, then the token.
        assertThat(lines).hasSize(3);
        return lines.getLast() + System.lineSeparator();
    }

    private static String pythonString(String value) {
        StringBuilder out = new StringBuilder("'");
        for (char c : value.toCharArray()) {
            out.append(c < 128 && c != '\'' && c != '\\' ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return out.append('\'').toString();
    }

    /** {@code dpsrig sas ARGS...}, its clock {@code clock}. */
    private static CommandRun sas(Clock clock, String... args) {
        CommandLine.IFactory withClock = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == SasCommand.class ? type.cast(new SasCommand(clock)) : CommandLine.defaultFactory().create(type);
            }
        };
        return CommandRun.dpsrig(withClock, CommandRun.line("sas", args));
    }
}
