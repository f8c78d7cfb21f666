package dev.dpsrig.simulator.http;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A response as {@code curl -i} prints it: status line, headers, blank line, body. */
record CurlResponse(int status, String headers, String body) {

    /** Runs the real {@code curl -s --cacert trustedRoot ARGUMENTS} in {@code directory}; the arguments must include {@code -i}. */
    static CurlResponse run(Path directory, Path trustedRoot, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "--cacert", trustedRoot.toString()));
        command.addAll(arguments);
        return parse(Processes.succeed(directory, command).stdout());
    }

    static CurlResponse parse(String output) {
        String text = output.replace("\r\n", "\n");
        int split = text.indexOf("\n\n");
        String head = split < 0 ? text : text.substring(0, split);
        String body = split < 0 ? "" : text.substring(split + 2);
        int status = Integer.parseInt(head.lines().findFirst().orElseThrow().split(" ")[1]);
        return new CurlResponse(status, head, body);
    }

    Optional<String> header(String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        return headers.lines().filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                .map(line -> line.substring(prefix.length()).strip()).findFirst();
    }

    /** A header looked up with its name in exactly this case, as a client that compares names case-sensitively does. */
    Optional<String> headerInExactCase(String name) {
        String prefix = name + ":";
        return headers.lines().filter(line -> line.startsWith(prefix))
                .map(line -> line.substring(prefix.length()).strip()).findFirst();
    }

    JsonObject json() {
        return Json.createReader(new StringReader(body)).readObject();
    }

    JsonArray jsonArray() {
        return Json.createReader(new StringReader(body)).readArray();
    }
}
