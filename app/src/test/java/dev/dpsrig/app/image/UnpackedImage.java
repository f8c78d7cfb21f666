package dev.dpsrig.app.image;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The image's layers unpacked in order into a directory, and its entrypoint started there as a
 * container runtime would: chrooted, with the image's environment, as the image's user. As root
 * (CI) that is {@code chroot --userspec}, and the layers keep their owners and java its file
 * capability; as anyone else, {@code unshare --user --map-root-user} makes the chroot possible, as
 * the namespace's root, without the capability.
 *
 * @param root   the unpacked file system
 * @param config the image config's {@code config} object: entrypoint, environment, user
 */
record UnpackedImage(Path root, JsonObject config) {
    static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    static UnpackedImage unpack(OciImage image, Path root) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tar", "--warning=no-unknown-keyword", "--numeric-owner", "-xzpf", "-", "-C", root.toString()));
        if (ROOT) {
            command.addAll(List.of("--xattrs", "--xattrs-include=security.capability"));
        }
        for (byte[] layer : image.layers()) {
            Process tar = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream in = tar.getOutputStream()) {
                in.write(layer);
            }
            String printed = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(tar.waitFor(2, TimeUnit.MINUTES)).as("tar unpacking a layer").isTrue();
            assertThat(tar.exitValue()).as("tar unpacking a layer: %s", printed).isZero();
        }
        return new UnpackedImage(root, image.config().getJsonObject("config"));
    }

    /** Starts the entrypoint with {@code args} in place of the image's command; its output goes to {@code output}. */
    Process start(List<String> args, Path output) throws IOException {
        List<String> command = new ArrayList<>();
        if (ROOT) {
            String user = config.getString("User");
            command.addAll(List.of("chroot", "--userspec=" + user, "--groups=" + user.substring(user.indexOf(':') + 1)));
        } else {
            command.addAll(List.of("unshare", "--user", "--map-root-user", "chroot"));
        }
        command.add(root.toString());
        config.getJsonArray("Entrypoint").getValuesAs(JsonString.class).forEach(arg -> command.add(arg.getString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> environment = builder.environment();
        environment.clear();
        for (JsonString variable : config.getJsonArray("Env").getValuesAs(JsonString.class)) {
            String[] nameAndValue = variable.getString().split("=", 2);
            environment.put(nameAndValue[0], nameAndValue[1]);
        }
        return builder.start();
    }

    /** A path inside the image, e.g. {@code /data/dev-settings.json}, on this machine. */
    Path file(String pathInImage) {
        return root.resolve(pathInImage.replaceFirst("^/+", ""));
    }

    /** The image's user id, as {@code /proc} shows a process's real user. */
    String userId() {
        String user = config.getString("User");
        return user.substring(0, user.indexOf(':'));
    }

    static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
