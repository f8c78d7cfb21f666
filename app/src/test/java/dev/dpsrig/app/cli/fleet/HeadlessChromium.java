package dev.dpsrig.app.cli.fleet;

import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's headless Chromium, driven over the DevTools protocol with the JDK's WebSocket client: loads a page, collects
 * every script exception, console error and log error it raises, evaluates expressions in it and takes screenshots.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on ws://([^/]+)/");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch loaded = new CountDownLatch(1);

    HeadlessChromium() throws IOException, InterruptedException {
        profile = Files.createTempDirectory("dpsrig-chromium");
        process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                "--remote-debugging-port=0", "--window-size=1400,1000", "about:blank").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String host = devToolsHost();
        HttpClient http = HttpClient.newHttpClient();
        String list = http.send(HttpRequest.newBuilder(URI.create("http://" + host + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String page;
        try (JsonReader reader = Jsonp.createReader(new StringReader(list))) {
            page = reader.readArray().getValuesAs(JsonObject.class).stream().filter(t -> t.getString("type").equals("page"))
                    .findFirst().orElseThrow(() -> new IOException("chromium has no page: " + list)).getString("webSocketDebuggerUrl");
        }
        socket = http.newWebSocketBuilder().buildAsync(URI.create(page), new Listener()).join();
        for (String domain : List.of("Runtime.enable", "Log.enable", "Page.enable")) {
            call(domain, Jsonp.createObjectBuilder().build());
        }
    }

    /** The errors the page raised so far: exceptions, console errors, log entries of level error. */
    List<String> errors() {
        return List.copyOf(errors);
    }

    /** Opens {@code file} and waits for its load event. */
    void load(Path file) throws InterruptedException {
        loaded = new CountDownLatch(1);
        call("Page.navigate", Jsonp.createObjectBuilder().add("url", file.toUri().toString()).build());
        if (!loaded.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("chromium did not finish loading " + file);
        }
    }

    /** The value of a JavaScript expression in the page, as a string. */
    String evaluate(String expression) {
        JsonObject result = call("Runtime.evaluate", Jsonp.createObjectBuilder().add("expression", expression)
                .add("returnByValue", true).build()).getJsonObject("result");
        return result.getString("value", result.toString());
    }

    /** A screenshot of the whole page, {@code width} CSS pixels wide. */
    void screenshot(Path out, int width) throws IOException {
        int height = (int) Math.ceil(Double.parseDouble(evaluate("String(document.documentElement.scrollHeight)")));
        call("Emulation.setDeviceMetricsOverride", Jsonp.createObjectBuilder().add("width", width).add("height", height)
                .add("deviceScaleFactor", 1).add("mobile", false).build());
        String png = call("Page.captureScreenshot", Jsonp.createObjectBuilder().add("format", "png").build()).getString("data");
        Files.write(out, Base64.getDecoder().decode(png));
    }

    private JsonObject call(String method, JsonObject params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonObject> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(Jsonp.createObjectBuilder().add("id", id).add("method", method).add("params", params).build().toString(), true).join();
        JsonObject message = answer.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        if (message.containsKey("error")) {
            throw new AssertionError(method + " failed: " + message.get("error"));
        }
        return message.getJsonObject("result");
    }

    private String devToolsHost() throws IOException {
        BufferedReader stderr = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = stderr.readLine(); line != null; line = stderr.readLine()) {
            seen.append(line).append('\n');
            Matcher listening = LISTENING.matcher(line);
            if (listening.find()) {
                Thread.ofVirtual().start(() -> stderr.lines().forEach(ignored -> { }));
                return listening.group(1);
            }
        }
        throw new IOException("chromium ended without a DevTools endpoint:\n" + seen);
    }

    private void event(JsonObject message) {
        JsonObject params = message.getJsonObject("params");
        switch (message.getString("method", "")) {
            case "Runtime.exceptionThrown" -> errors.add("exception: " + params.getJsonObject("exceptionDetails"));
            case "Runtime.consoleAPICalled" -> {
                if (params.getString("type").equals("error") || params.getString("type").equals("assert")) {
                    errors.add("console." + params.getString("type") + ": " + params.get("args"));
                }
            }
            case "Log.entryAdded" -> {
                JsonObject entry = params.getJsonObject("entry");
                if (entry.getString("level").equals("error")) {
                    errors.add("log: " + entry.getString("text") + " " + Optional.ofNullable(entry.getString("url", null)).orElse(""));
                }
            }
            case "Page.loadEventFired" -> loaded.countDown();
            default -> {
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        socket.abort();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** Reassembles DevTools messages (a screenshot comes in many frames) and routes answers and events. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                JsonObject message;
                try (JsonReader reader = Jsonp.createReader(new StringReader(text.toString()))) {
                    message = reader.readObject();
                }
                text.setLength(0);
                if (message.containsKey("id")) {
                    Optional.ofNullable(pending.remove(message.getInt("id"))).ifPresent(answer -> answer.complete(message));
                } else {
                    event(message);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
