package dev.dpsrig.app.cli.fleet.benchmark;

import dev.dpsrig.app.bench.Load;
import dev.dpsrig.app.bench.Operation;
import dev.dpsrig.app.bench.Outcome;
import dev.dpsrig.app.bench.Phase;
import dev.dpsrig.emulator.device.DeviceAttestation;
import dev.dpsrig.emulator.device.EmulatedDevice;
import dev.dpsrig.emulator.device.HubClient;
import dev.dpsrig.emulator.device.Telemetry;
import dev.dpsrig.emulator.device.TelemetryOutcome;
import dev.dpsrig.simulator.hub.DeviceMessage;
import dev.dpsrig.simulator.hub.SimulatedHub;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Registered devices sending telemetry in turn, held to a share of the raw request rate of the same run; then every
 * acknowledged message is looked for in the hubs, so that an acknowledgement the hub did not count fails the run.
 */
final class TelemetryRate {
    private static final double TELEMETRY_GOAL = 0.70;

    private TelemetryRate() {
    }

    static void measure(FleetBench bench, String groupKey, int count, double rawRequests) throws InterruptedException, ExecutionException {
        Memory.resetPeakRss();
        List<EmulatedDevice> fleet = IntStream.range(0, count)
                .mapToObj(i -> bench.device(DeviceAttestation.SymmetricKey.fromGroupKey("tel-" + i, groupKey))).toList();
        Phase registering = bench.registerAll(fleet);
        if (registering.tally().expected() != count) {
            bench.failIf(true);
            bench.line("telemetry: only %d of %d devices registered: %s", registering.tally().expected(), count,
                    registering.tally().firstProblem());
            return;
        }
        List<HubClient> hubs = fleet.stream().map(EmulatedDevice::hub).toList();
        long hubBefore = hubMessageCount(bench);
        Telemetry message = Telemetry.text("{\"temperature\": 30}").withProperty("bench", "1");
        AtomicLong next = new AtomicLong();
        Operation send = () -> {
            int index = (int) (next.getAndIncrement() % count);
            EmulatedDevice device = fleet.get(index);
            TelemetryOutcome outcome = hubs.get(index).send(message, device.timeline(), device.random());
            return outcome instanceof TelemetryOutcome.Acknowledged ? Outcome.expected() : Outcome.unexpected(outcome.toString());
        };
        List<Operation> ops = IntStream.range(0, bench.concurrency()).mapToObj(i -> send).toList();
        Phase warm = Load.repeat(bench.warmup(), ops);
        Phase measured = Load.repeat(bench.measured(), ops);
        bench.report("telemetry, " + count + " devices", "messages/s", measured, Optional.of(warm));
        double goal = TELEMETRY_GOAL * rawRequests;
        double rate = measured.expectedPerSecond();
        bench.line("  telemetry goal: >= 70%% of %.0f raw requests/s = %.0f/s; measured %.0f/s = %.0f%% of goal (%s)",
                rawRequests, goal, rate, 100 * rate / goal, rate >= goal ? "met" : "MISSED");
        long acknowledged = warm.tally().expected() + measured.tally().expected();
        long notAcknowledged = warm.tally().failed() + measured.tally().failed();
        long hubCount = hubMessageCount(bench) - hubBefore;
        boolean ok = notAcknowledged == 0 && hubCount == acknowledged;
        bench.failIf(!ok);
        bench.line("  verified: %d messages acknowledged, %d not, hub counted %d (%s); %d devices sent",
                acknowledged, notAcknowledged, hubCount, ok ? "ok" : "FAILED", Math.min(count, next.get()));
        bench.line("peak RSS during the telemetry section (VmHWM): %s", Memory.peakRss());
    }

    /** Messages the hubs have taken so far: each hub numbers its messages in sequence. */
    private static long hubMessageCount(FleetBench bench) {
        long total = 0;
        for (SimulatedHub hub : bench.simulator().iotHubs()) {
            List<DeviceMessage> messages = hub.messages();
            total += messages.isEmpty() ? 0 : messages.getLast().sequenceNumber();
        }
        return total;
    }
}
