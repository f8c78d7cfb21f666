package dev.dpsrig.app.cli.board;

import dev.dpsrig.app.cli.device.TransportOption;
import dev.dpsrig.app.cli.shared.DeviceOptions;
import dev.dpsrig.app.cli.shared.UsageException;
import dev.dpsrig.emulator.device.DeviceAttestation;
import dev.dpsrig.emulator.device.Waiter;
import dev.dpsrig.features.board.ProvisioningFirmware;
import dev.dpsrig.features.board.TetheredMode;
import dev.dpsrig.hil.RigEvent;
import dev.dpsrig.hil.RigListener;
import dev.dpsrig.hil.virtual.BootLog;
import dev.dpsrig.hil.virtual.ConsoleShell;
import dev.dpsrig.hil.virtual.Firmware;
import dev.dpsrig.hil.virtual.VirtualBoard;
import dev.dpsrig.hil.virtual.WireOutput;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "emulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Be a board on a serial line, for a rig without hardware: powered on at start, it prints its boot log"
                + " and runs its firmware until Ctrl-C, printing what it does.",
                "Console mode: the firmware registers the given identity with DPS and sends telemetry, telling its console"
                        + " (dps: registering ..., dps: assigned hub=... deviceId=..., hub: sent message N).",
                "Its console echoes each line it is sent and answers 'version' (fw VERSION) and 'help'.",
                "Tethered mode: the firmware holds the identity for the rig's host (the key-holder protocol).",
                "--link makes the line itself (a pseudo-terminal pair: the board holds its master, the rig opens its terminal,"
                        + " linked at PATH); --pty uses one end of a pair made otherwise."})
final class BoardEmulateCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    enum Mode {
        CONSOLE, TETHERED
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--pty", paramLabel = "PATH", description = "The board's end of an existing pseudo-terminal pair (or a tty).")
    private Path pty;

    @Option(names = "--link", paramLabel = "PATH",
            description = "Make a pseudo-terminal pair; its terminal, the rig's end, is linked at PATH.")
    private Path link;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "console",
            description = "console (the board provisions itself) or tethered (key holder for the rig); default: ${DEFAULT-VALUE}.")
    private String mode;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "virtual-board",
            description = "The board's name, in its boot log and events (default: ${DEFAULT-VALUE}).")
    private String name;

    @Option(names = "--banner", paramLabel = "TEXT", description = "The first line of the boot log (default: Booting NAME ...).")
    private String banner;

    @Option(names = "--boot-delay", paramLabel = "MS", defaultValue = "500",
            description = "How long the boot log takes, banner to ready line (default: ${DEFAULT-VALUE} ms).")
    private long bootDelayMillis;

    @Option(names = "--telemetry-interval", paramLabel = "MS", defaultValue = "5000",
            description = "Console mode: time between telemetry messages once assigned (default: ${DEFAULT-VALUE} ms).")
    private long telemetryMillis;

    @Option(names = "--firmware-version", paramLabel = "VERSION",
            description = "Console mode: the board's answer to 'version' on its console is 'fw VERSION' (default: dpsrig's version).")
    private String firmwareVersion;

    @Mixin
    private DeviceOptions device;

    /** Console mode only: provisioning over HTTPS, MQTT or MQTT over WebSockets. */
    @Mixin
    private TransportOption transport;

    @Override
    public Integer call() {
        if ((pty == null) == (link == null)) {
            throw new UsageException(pty == null ? "no serial line: give --pty PATH or --link PATH"
                    : "--pty and --link exclude each other: use an existing pseudo-terminal, or let --link make one");
        }
        if (bootDelayMillis < 0) {
            throw new UsageException("--boot-delay must be 0 or more milliseconds, not " + bootDelayMillis);
        }
        if (telemetryMillis <= 0) {
            throw new UsageException("--telemetry-interval must be a positive number of milliseconds, not " + telemetryMillis);
        }
        Mode chosen = mode();
        if (chosen == Mode.TETHERED && spec.commandLine().getParseResult().hasMatchedOption("--transport")) {
            throw new UsageException("--transport is for console mode: a tethered board talks to no server, its rig's host does");
        }
        Firmware firmware = firmware(chosen);
        PrintWriter out = spec.commandLine().getOut();
        try (UntilStopped stop = new UntilStopped();
             BoardEnd end = link != null ? BoardEnd.linked(link) : BoardEnd.given(pty)) {
            WireOutput power = new WireOutput(name + " power", false);
            try (VirtualBoard board = VirtualBoard.builder(name, end.in(), end.out(), power, firmware)
                    .lineName(end.name()).bootDelay(Duration.ofMillis(bootDelayMillis))
                    .bootLog(banner == null ? BootLog.standard(name) : BootLog.standard(name).withBanner(banner))
                    .listener(printing(out)).start()) {
                out.println(name + ": " + chosen.name().toLowerCase(Locale.ROOT) + " mode on " + end.description() + "; Ctrl-C stops it");
                out.flush();
                power.set(true);
                stop.await();
                power.set(false);
            }
        }
        return 0;
    }

    private Mode mode() {
        try {
            return Mode.valueOf(mode.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--mode is console or tethered, not '" + mode + "'");
        }
    }

    /** Options are checked (credentials read, endpoint resolved) before any line is opened. */
    private Firmware firmware(Mode chosen) {
        DeviceAttestation identity = device.attestation(Optional.empty());
        return switch (chosen) {
            case CONSOLE -> ConsoleShell.around(new ProvisioningFirmware(identity, device.endpoint(), device.policy(), device.payload(),
                    Duration.ofMillis(telemetryMillis), Clock.systemUTC(), Waiter.SLEEPING, transport.mqtt(device)), firmwareVersion());
            case TETHERED -> TetheredMode.firmware(identity, device.deviceKey(identity.registrationId()));
        };
    }

    private String firmwareVersion() {
        return firmwareVersion != null ? firmwareVersion
                : Optional.ofNullable(BoardEmulateCommand.class.getPackage().getImplementationVersion()).orElse("development");
    }

    private static RigListener printing(PrintWriter out) {
        return event -> {
            String text = event.kind() == RigEvent.Kind.CONSOLE_SENT ? "| " + event.detail()
                    : event.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + (event.detail().isEmpty() ? "" : ": " + event.detail());
            synchronized (out) {
                out.println(TIME.format(event.at()) + " " + event.board() + " " + text);
                out.flush();
            }
        };
    }
}
