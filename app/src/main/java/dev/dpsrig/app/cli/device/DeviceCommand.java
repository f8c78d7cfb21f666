package dev.dpsrig.app.cli.device;

import dev.dpsrig.app.cli.shared.DeviceOptions;
import dev.dpsrig.app.cli.shared.EndpointUnreachableException;
import dev.dpsrig.app.cli.shared.UsageException;
import dev.dpsrig.emulator.device.DeviceAttestation;
import dev.dpsrig.emulator.device.DeviceEvent;
import dev.dpsrig.emulator.device.DeviceTransport;
import dev.dpsrig.emulator.device.DpsEndpoint;
import dev.dpsrig.emulator.device.HubClient;
import dev.dpsrig.emulator.device.HubLink;
import dev.dpsrig.emulator.device.ProvisioningClient;
import dev.dpsrig.emulator.device.ProvisioningException;
import dev.dpsrig.emulator.device.RegistrationResult;
import dev.dpsrig.emulator.device.RetryPolicy;
import dev.dpsrig.emulator.device.Timeline;
import dev.dpsrig.emulator.device.Waiter;
import dev.dpsrig.protocol.ConnectFailure;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "device", mixinStandardHelpOptions = true,
        description = {"Be a device: register with DPS over HTTPS or MQTT (--transport), send telemetry to the assigned hub, receive cloud-to-device"
                + " messages, with the credentials the walkthroughs hand out (symmetric key, group key, X.509 PEM or PFX).",
                "Talks to the local simulator found through its dev-settings.json (--data-dir), or to any DPS"
                        + " (--global-endpoint, --id-scope, --cafile)."},
        subcommands = {
                DeviceRegisterCommand.class,
                DeviceSendCommand.class,
                DeviceReceiveCommand.class
        })
public final class DeviceCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "choose a subcommand: register, send or receive");
    }

    /** Prints each event of the timeline as it happens, with the time since the first. */
    static Timeline printing(PrintWriter out) {
        AtomicReference<Instant> start = new AtomicReference<>();
        return new Timeline().onEvent(event -> {
            start.compareAndSet(null, event.at());
            out.println(line(start.get(), event));
            out.flush();
        });
    }

    private static String line(Instant start, DeviceEvent event) {
        return String.format("+%7d ms  %s", Duration.between(start, event.at()).toMillis(), event.describe());
    }

    /**
     * Reports a registration that did not end assigned: one line on stderr; answers the exit code. A DPS that could not
     * be reached at all is said as such, with where its endpoint came from.
     */
    static int report(CommandSpec spec, DeviceOptions options, ProvisioningException e) {
        String line = e.reason() == ProvisioningException.Reason.UNREACHABLE
                ? EndpointUnreachableException.line("DPS", e.endpoint().orElseThrow(), e.connectFailure().orElseThrow(),
                options.globalEndpointOrigin())
                : describe(e);
        spec.commandLine().getErr().println(spec.qualifiedName() + ": " + line);
        spec.commandLine().getErr().flush();
        return DeviceExitCodes.of(e.reason());
    }

    /** The one line a registration that did not end assigned leaves on stderr. */
    static String describe(ProvisioningException e) {
        return "registration " + e.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + (e.httpStatus() != 0 ? " (HTTP " + e.httpStatus() + ")" : "")
                + e.errorCode().map(code -> " errorCode " + code).orElse("")
                + ": " + e.getMessage().lines().findFirst().orElse("")
                + e.trackingId().map(id -> " [trackingId " + id + "]").orElse("");
    }

    /** The hub a {@code send} or {@code receive} works with: found by registering, or given. */
    record Connection(DeviceTransport transport, HubClient hub, Optional<RegistrationResult> registration) implements AutoCloseable {
        @Override
        public void close() {
            hub.close();
            transport.close();
        }

        /** Where the hub's address came from, for a message that it cannot be reached. */
        EndpointUnreachableException.Origin hubOrigin() {
            return registration.isPresent() ? new EndpointUnreachableException.Origin("assigned by DPS", false)
                    : EndpointUnreachableException.Origin.option("--assigned-hub");
        }

        /** The one line for a hub that cannot be reached at all. */
        String unreachable(String endpoint, ConnectFailure failure) {
            return EndpointUnreachableException.line("the IoT hub", endpoint, failure, hubOrigin());
        }
    }

    /**
     * Registers (or, with {@code assignedHub} and {@code deviceId}, skips DPS) and answers the hub client;
     * a registration that fails is reported on {@code err} and answered as its exit code.
     */
    static Object connect(CommandSpec spec, DeviceOptions options, TransportOption over, String assignedHub, String deviceId,
                          Timeline timeline) throws InterruptedException {
        if ((assignedHub == null) != (deviceId == null)) {
            throw new UsageException("--assigned-hub and --device-id go together (they skip DPS)");
        }
        RetryPolicy policy = options.policy();
        DeviceAttestation attestation = options.attestation(Optional.ofNullable(deviceId));
        if (assignedHub != null && (assignedHub.isBlank() || assignedHub.contains("/"))) {
            throw new UsageException("--assigned-hub is host[:port], not '" + assignedHub + "'");
        }
        DpsEndpoint endpoint = options.endpoint();
        DeviceTransport transport = new DeviceTransport(endpoint.trustedRoots());
        try {
            HubLink.Opener hubs = over.hubs(options, transport);
            if (assignedHub != null) {
                return new Connection(transport, new HubClient(hubs.open(assignedHub, deviceId, attestation), policy,
                        Clock.systemUTC(), Waiter.SLEEPING), Optional.empty());
            }
            RegistrationResult result = new ProvisioningClient(endpoint, over.provisioning(options, endpoint, transport), policy,
                    Clock.systemUTC(), Waiter.SLEEPING).register(attestation, options.payload(), timeline, new SplittableRandom());
            return new Connection(transport, new HubClient(hubs.open(result.assignedHub(), result.deviceId(), attestation), policy,
                    Clock.systemUTC(), Waiter.SLEEPING), Optional.of(result));
        } catch (ProvisioningException e) {
            transport.close();
            return report(spec, options, e);
        } catch (RuntimeException | InterruptedException e) {
            transport.close();
            throw e;
        }
    }
}
