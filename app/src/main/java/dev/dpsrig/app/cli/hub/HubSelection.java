package dev.dpsrig.app.cli.hub;

import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.emulator.client.ServiceApiException;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** Which hub a {@code dpsrig hub} command means: the one named, else every hub (or the one that has the device). */
final class HubSelection {
    @Option(names = {"--hub", "--hub-name"}, paramLabel = "NAME", description = "The hub, by name (default: every hub, or the one holding the device).")
    private String hub;

    /** The named hub, or all of them. */
    List<String> hubs(ServiceApiClient client) {
        if (hub != null) {
            return List.of(hub);
        }
        return client.hubs().stream().map(JsonValue::asJsonObject).map(json -> json.getString("name")).toList();
    }

    /** The host name devices reach a hub by, e.g. {@code hub1.localhost}. */
    static String hostName(ServiceApiClient client, String hubName) {
        return client.hubs().stream().map(JsonValue::asJsonObject).filter(json -> json.getString("name").equals(hubName))
                .map(json -> json.getString("hostName")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the simulator has no hub '" + hubName + "'"));
    }

    /** Runs the work for every hub at once, each on its own virtual thread, until all are done; the first failure is thrown. */
    static void eachAtOnce(List<String> hubs, Consumer<String> work) throws InterruptedException, ExecutionException {
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (String hub : hubs) {
                running.add(workers.submit(() -> work.accept(hub)));
            }
            for (Future<?> one : running) {
                one.get();
            }
        }
    }

    /** The named hub, or the single hub whose registry holds the device. */
    String hubOf(ServiceApiClient client, String deviceId) {
        if (hub != null) {
            return hub;
        }
        List<String> holding = new ArrayList<>();
        for (String name : hubs(client)) {
            try {
                client.hubDevice(name, deviceId);
                holding.add(name);
            } catch (ServiceApiException notThere) {
                if (notThere.status() != 404) {
                    throw notThere;
                }
            }
        }
        if (holding.size() == 1) {
            return holding.getFirst();
        }
        throw new IllegalArgumentException(holding.isEmpty()
                ? "no hub has a device '" + deviceId + "'; has it registered through DPS yet? (`dpsrig hub device list`)"
                : "device '" + deviceId + "' is in hubs " + holding + "; say which with --hub");
    }
}
