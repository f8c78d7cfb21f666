package dev.dpsrig.features.board;

import dev.dpsrig.hil.Console;
import dev.dpsrig.hil.virtual.Firmware;
import dev.dpsrig.emulator.device.DeviceAttestation;
import dev.dpsrig.emulator.device.DeviceEvent;
import dev.dpsrig.emulator.device.DeviceTransport;
import dev.dpsrig.emulator.device.DpsEndpoint;
import dev.dpsrig.emulator.device.EmulatedDevice;
import dev.dpsrig.emulator.device.HubClient;
import dev.dpsrig.emulator.device.ProvisioningClient;
import dev.dpsrig.emulator.device.ProvisioningException;
import dev.dpsrig.emulator.device.RegistrationResult;
import dev.dpsrig.emulator.device.RetryPolicy;
import dev.dpsrig.emulator.device.Telemetry;
import dev.dpsrig.emulator.device.TelemetryOutcome;
import dev.dpsrig.emulator.device.Waiter;
import dev.dpsrig.emulator.device.mqtt.MqttEndpoints;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Console-mode firmware for a virtual board: the board provisions itself, as firmware with the DPS
 * client built in does, and tells its console what it is doing. From power-on it registers its own
 * identity (symmetric key or X.509) at its DPS endpoint, then sends telemetry to the assigned hub until the
 * power goes. A registration that fails leaves the board silent until it is power-cycled.
 *
 * <p>Like a real device, the firmware keeps retrying a DPS or hub it cannot connect to, even one it has never
 * reached (a board may well boot before its network or the simulator is up): it backs off until its deadline,
 * telling its console each retry, where a command line would give up at once
 * ({@link RetryPolicy.WhenUnreachable#RETRY} whatever policy it is given).
 *
 * <p>The console lines are a stable format for board profiles' patterns; each starts with its subsystem:
 * <pre>
 * dps: registering &lt;registrationId&gt; at &lt;globalEndpoint&gt;
 * dps: status &lt;status&gt;                           each new non-final status: assigning, unassigned
 * dps: retry &lt;step&gt; in &lt;ms&gt; ms: &lt;reason&gt;        a throttled, failed or dropped request, retried
 * dps: registering again: &lt;reason&gt;
 * dps: assigned hub=&lt;assignedHub&gt; deviceId=&lt;deviceId&gt;
 * dps: failed &lt;outcome&gt;[ http=&lt;status&gt;][ errorCode=&lt;code&gt;]: &lt;message&gt;
 * hub: sent message &lt;n&gt;                         counted from 1 after each power-on
 * hub: send failed &lt;n&gt;[ http=&lt;status&gt;]: &lt;reason&gt;
 * </pre>
 * where {@code <outcome>} is {@code refused} (DPS answered 4xx: wrong key, unknown enrollment), {@code failed},
 * {@code disabled} or {@code deadline exceeded}.
 */
public final class ProvisioningFirmware implements Firmware {
    /** How long a board that gave up waits at a time for the power to go; any wait has an end. */
    private static final Duration IDLE = Duration.ofHours(1);
    /** A hub SAS token over MQTT lives an hour, as the SDKs' do; the connection is renewed before it runs out. */

    private final DeviceAttestation identity;
    private final DpsEndpoint endpoint;
    private final RetryPolicy policy;
    private final Optional<JsonValue> payload;
    private final Duration telemetryInterval;
    private final Clock clock;
    private final Waiter waiter;
    private final Optional<MqttEndpoints> mqtt;

    /** Firmware provisioning over HTTPS. */
    public ProvisioningFirmware(DeviceAttestation identity, DpsEndpoint endpoint, RetryPolicy policy, Optional<JsonValue> payload,
                                Duration telemetryInterval, Clock clock, Waiter waiter) {
        this(identity, endpoint, policy, payload, telemetryInterval, clock, waiter, Optional.empty());
    }

    /**
     * Firmware provisioning over MQTT at {@code mqtt}'s endpoints (over TLS or WebSockets, as they say), or over HTTPS when
     * empty; the console lines are the same either way.
     */
    public ProvisioningFirmware(DeviceAttestation identity, DpsEndpoint endpoint, RetryPolicy policy, Optional<JsonValue> payload,
                                Duration telemetryInterval, Clock clock, Waiter waiter, Optional<MqttEndpoints> mqtt) {
        if (telemetryInterval.isNegative() || telemetryInterval.isZero()) {
            throw new IllegalArgumentException("the telemetry interval must be positive, not " + telemetryInterval);
        }
        this.identity = identity;
        this.endpoint = endpoint;
        this.policy = policy.withUnreachable(RetryPolicy.WhenUnreachable.RETRY);
        this.payload = payload;
        this.telemetryInterval = telemetryInterval;
        this.clock = clock;
        this.waiter = waiter;
        this.mqtt = mqtt;
    }

    public ProvisioningFirmware(DeviceAttestation identity, DpsEndpoint endpoint, RetryPolicy policy, Duration telemetryInterval) {
        this(identity, endpoint, policy, Optional.empty(), telemetryInterval, Clock.systemUTC(), Waiter.SLEEPING);
    }

    @Override
    public void run(Console line) throws InterruptedException {
        line.sendLine("dps: registering " + identity.registrationId() + " at " + endpoint.globalEndpoint());
        try (DeviceTransport transport = new DeviceTransport(endpoint.trustedRoots()); EmulatedDevice device = device(transport)) {
            AtomicReference<String> lastStatus = new AtomicReference<>("");
            device.timeline().onEvent(event -> progress(event, lastStatus).ifPresent(line::sendLine));
            RegistrationResult result;
            try {
                result = device.register(payload);
            } catch (ProvisioningException e) {
                line.sendLine("dps: failed " + describe(e));
                idleUntilPowerGoes();
                return;
            }
            line.sendLine("dps: assigned hub=" + result.assignedHub() + " deviceId=" + result.deviceId());
            sendTelemetry(line, device);
        }
    }

    /** The device over HTTPS on {@code transport}, or over MQTT, keeping one hub connection until the board goes down. */
    private EmulatedDevice device(DeviceTransport transport) {
        long seed = identity.registrationId().hashCode();
        return mqtt.map(endpoints -> new EmulatedDevice(identity, new ProvisioningClient(endpoint, endpoints.provisioning(endpoint, clock),
                        policy, clock, waiter), endpoints.hubs(MqttEndpoints.TOKEN_LIFETIME, clock), policy, clock, waiter, seed))
                .orElseGet(() -> new EmulatedDevice(identity, new ProvisioningClient(endpoint, transport, policy, clock, waiter), transport,
                        policy, clock, waiter, seed));
    }

    private void sendTelemetry(Console line, EmulatedDevice device) throws InterruptedException {
        HubClient hub = device.hub();
        for (int n = 1; ; n++) {
            waiter.await(telemetryInterval);
            Telemetry message = Telemetry.text("{\"seq\":" + n + ",\"uptimeMs\":" + n * telemetryInterval.toMillis() + "}");
            TelemetryOutcome outcome = hub.send(message, device.timeline(), device.random());
            line.sendLine(switch (outcome) {
                case TelemetryOutcome.Acknowledged acknowledged -> "hub: sent message " + n;
                case TelemetryOutcome.Failed failed -> "hub: send failed " + n
                        + (failed.httpStatus() != 0 ? " http=" + failed.httpStatus() : "") + ": " + firstLine(failed.reason());
                case TelemetryOutcome.Unreachable nobody -> "hub: send failed " + n + ": " + firstLine(nobody.reason());
            });
        }
    }

    private void idleUntilPowerGoes() throws InterruptedException {
        while (true) {
            waiter.await(IDLE);
        }
    }

    /** The console line for a registration step worth telling, if any; statuses only when they change. */
    private static Optional<String> progress(DeviceEvent event, AtomicReference<String> lastStatus) {
        return switch (event) {
            case DeviceEvent.RegisterAnswered answered -> status(answered.status().wireName(), answered.status().isTerminal(), lastStatus);
            case DeviceEvent.StatusSeen seen -> status(seen.status().wireName(), seen.status().isTerminal(), lastStatus);
            case DeviceEvent.RetryScheduled retry ->
                    Optional.of("dps: retry " + retry.step() + " in " + retry.delay().toMillis() + " ms: " + firstLine(retry.reason()));
            case DeviceEvent.Reregistering again -> Optional.of("dps: registering again: " + again.reason());
            default -> Optional.empty();
        };
    }

    private static Optional<String> status(String status, boolean terminal, AtomicReference<String> lastStatus) {
        if (terminal || lastStatus.getAndSet(status).equals(status)) {
            return Optional.empty();
        }
        return Optional.of("dps: status " + status);
    }

    static String describe(ProvisioningException e) {
        return e.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + (e.httpStatus() != 0 ? " http=" + e.httpStatus() : "")
                + e.errorCode().map(code -> " errorCode=" + code).orElse("")
                + ": " + firstLine(e.getMessage());
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }
}
