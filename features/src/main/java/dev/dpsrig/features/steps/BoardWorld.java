package dev.dpsrig.features.steps;

import dev.dpsrig.certs.IdentityFiles;
import dev.dpsrig.emulator.device.DeviceAttestation;
import dev.dpsrig.emulator.device.EmulatedDevice;
import dev.dpsrig.emulator.device.ProvisioningException;
import dev.dpsrig.emulator.device.RetryPolicy;
import dev.dpsrig.features.board.Bench;
import dev.dpsrig.features.board.BoardTransitions;
import dev.dpsrig.features.board.BoardUnderTest;
import dev.dpsrig.features.board.ProvisioningFirmware;
import dev.dpsrig.features.board.RigBench;
import dev.dpsrig.features.board.TetheredDevice;
import dev.dpsrig.features.board.TetheredMode;
import dev.dpsrig.features.board.TetheredTransitions;
import dev.dpsrig.features.board.VirtualBench;
import dev.dpsrig.hil.RigException;
import dev.dpsrig.hil.RigListener;
import dev.dpsrig.hil.board.Board;
import dev.dpsrig.hil.board.BoardStrategy;
import dev.dpsrig.hil.config.BoardMode;
import dev.dpsrig.hil.config.Identity;
import dev.dpsrig.hil.tethered.HeldIdentity;
import dev.dpsrig.hil.tethered.TetheredFirmware;
import dev.dpsrig.hil.tethered.TetheredIdentity;
import dev.dpsrig.hil.tethered.TetheredLink;
import dev.dpsrig.hil.virtual.Firmware;
import dev.dpsrig.protocol.SymmetricKeys;
import dev.dpsrig.protocol.service.AttestationMechanism;
import dev.dpsrig.protocol.service.EnrollmentSettings;
import dev.dpsrig.protocol.service.IndividualEnrollment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.picocontainer.Disposable;

/**
 * The boards of one scenario and who they are. Without {@value Bench#RIG_PROPERTY} set (by {@code dpsrig test
 * --rig FILE}) every board is a virtual one on the virtual bench, holding an identity made here; with it,
 * the boards of that rig file, whose identities their profiles name.
 */
public final class BoardWorld implements Disposable {
    /** How often a virtual console-mode board sends telemetry once assigned. */
    static final Duration TELEMETRY_INTERVAL = Duration.ofSeconds(1);

    private final ScenarioTarget target;
    private final DeviceRoster devices;
    private final ScenarioEnrollments enrollments;
    private Bench bench;
    private final Map<String, BoardUnderTest> boards = new LinkedHashMap<>();
    private final Map<String, HeldIdentity> identities = new LinkedHashMap<>();
    private final Map<String, TetheredDevice> tethered = new LinkedHashMap<>();
    private final Map<String, TetheredLink> links = new LinkedHashMap<>();

    public BoardWorld(ScenarioTarget target, DeviceRoster devices, ScenarioEnrollments enrollments) {
        this.target = target;
        this.devices = devices;
        this.enrollments = enrollments;
    }

    /** The rig file the scenarios run against, if {@code dpsrig test --rig} named one. */
    public static Optional<Path> rigFile() {
        return Optional.ofNullable(System.getProperty(Bench.RIG_PROPERTY)).filter(value -> !value.isBlank()).map(Path::of);
    }

    public boolean virtual() {
        return rigFile().isEmpty();
    }

    /** A board whose own firmware registers it; a virtual one registers the identity {@link #identity} made for it. */
    public BoardUnderTest consoleBoard(String name) {
        return board(name, BoardMode.CONSOLE, () -> new ProvisioningFirmware(deviceAttestation(identity(name)), target.dpsEndpoint(),
                devices.policy(), TELEMETRY_INTERVAL));
    }

    /** A board that keeps its key and signs for the rig; a virtual one answers with the identity {@link #identity} holds. */
    public BoardUnderTest tetheredBoard(String name) {
        return board(name, BoardMode.TETHERED, () -> new TetheredFirmware(identity(name), TetheredMode.sensors()));
    }

    /** The rig's side of a tethered board once the rig registered it: its device, signing over serial. */
    public TetheredDevice tethered(String name) {
        TetheredDevice device = tethered.get(name);
        if (device == null) {
            throw new AssertionError("the rig has not registered board '" + name + "' on its behalf yet");
        }
        return device;
    }

    public BoardUnderTest board(String name) {
        BoardUnderTest board = boards.get(name);
        if (board == null) {
            throw new AssertionError("no board '" + name + "' in this scenario; the boards are " + boards.keySet());
        }
        return board;
    }

    public Map<String, BoardUnderTest> boards() {
        return boards;
    }

    /** What the scenario's boards run on, for the report. */
    public String benchDescription() {
        return bench == null ? "no bench" : bench.describe();
    }

    /**
     * The identity a virtual board holds: made here on first use (a symmetric key unless a step chose
     * otherwise), its registration id the board's name.
     */
    public HeldIdentity identity(String name) {
        return identities.computeIfAbsent(name, n -> new HeldIdentity.SymmetricKey(target.id(n), SymmetricKeys.generate()));
    }

    public void holds(String name, HeldIdentity identity) {
        if (identities.containsKey(name)) {
            throw new IllegalStateException("board '" + name + "' already holds " + identities.get(name));
        }
        identities.put(name, identity);
    }

    /** The registration id DPS knows the board by. */
    public String registrationId(String name) {
        return virtual() ? identity(name).registrationId() : profileIdentity(name).registrationId();
    }

    /** Enrolls the board individually: the identity a virtual board holds, or the credentials its profile names. */
    public void enroll(String name) {
        AttestationMechanism attestation = virtual() ? attestationOf(identity(name)) : attestationFromProfile(name);
        enrollments.enroll(IndividualEnrollment.of(registrationId(name), attestation, EnrollmentSettings.NONE.withProvisioningStatus("enabled")));
    }

    private BoardUnderTest board(String name, BoardMode mode, Supplier<Firmware> firmware) {
        BoardUnderTest board = bench().board(name, mode, firmware);
        boards.put(name, board);
        return board;
    }

    private Bench bench() {
        if (bench == null) {
            BoardTransitions transitions = this::strategy;
            bench = rigFile().<Bench>map(file -> RigBench.assemble(file, Clock.systemUTC(), RigListener.NONE, transitions))
                    .orElseGet(() -> new VirtualBench(Clock.systemUTC(), RigListener.NONE, transitions));
        }
        return bench;
    }

    private static AttestationMechanism attestationOf(HeldIdentity identity) {
        return switch (identity) {
            case HeldIdentity.SymmetricKey key -> Enrollments.symmetricKey(key.base64Key());
            case HeldIdentity.X509 x509 -> Enrollments.x509(x509.identity().certificate());
        };
    }

    /** How a virtual console-mode board's own firmware presents the identity it holds. */
    private static DeviceAttestation deviceAttestation(HeldIdentity identity) {
        return switch (identity) {
            case HeldIdentity.SymmetricKey key -> DeviceAttestation.SymmetricKey.individual(key.registrationId(), key.base64Key());
            case HeldIdentity.X509 x509 -> DeviceAttestation.X509.of(x509.identity());
        };
    }

    /**
     * Console boards boot and provision on their own. A tethered board has booted when it answers HELLO, and
     * is provisioned when the rig, asking it for every signature, has registered it.
     */
    private BoardStrategy strategy(Board board, Clock clock, RigListener listener) {
        return switch (board.profile().mode()) {
            case CONSOLE -> BoardStrategy.console(board, clock, listener);
            case TETHERED -> new BoardStrategy(board, TetheredTransitions.boot(b -> link(b, listener)),
                    (b, deadline) -> registerOnBehalf(b, deadline, listener), clock, listener);
        };
    }

    /** One link per board's serial line, whatever asks: one numbering of requests. */
    private TetheredLink link(Board board, RigListener listener) {
        return links.computeIfAbsent(board.name(), name -> new TetheredLink(board.console(), name, listener));
    }

    /** Within the profile's provisioning deadline, or the scenario's own if that is shorter. */
    private void registerOnBehalf(Board board, Duration deadline, RigListener listener) {
        TetheredLink link = link(board, listener);
        TetheredIdentity identity = TetheredIdentity.ask(link);
        RetryPolicy policy = devices.policy().deadline().compareTo(deadline) <= 0 ? devices.policy() : devices.policy().withDeadline(deadline);
        EmulatedDevice device = devices.newDevice(board.name(), TetheredDevice.attestation(identity), policy);
        tethered.put(board.name(), TetheredDevice.on(link, identity, device));
        try {
            devices.recordResult(board.name(), device.register(Optional.empty()));
        } catch (ProvisioningException e) {
            devices.recordFailure(board.name(), e);
            throw new RigException("the rig could not register " + board.name() + " on its behalf: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RigException("interrupted while registering " + board.name(), e);
        }
    }

    private Identity profileIdentity(String name) {
        return board(name).board().profile().identity().orElseThrow(() -> new AssertionError("board '" + name + "' in "
                + board(name).board().profile().source() + " has no identity: its profile needs identity.registration-id, attestation"
                + " and credentials so the scenario can enroll it"));
    }

    /** A rig board's credentials: {@code symmetric-key} (a file holding the base64 key) or {@code certificate} (PEM). */
    private AttestationMechanism attestationFromProfile(String name) {
        Identity identity = profileIdentity(name);
        return switch (identity.attestation()) {
            case SYMMETRIC_KEY -> Enrollments.symmetricKey(read(credential(name, identity, "symmetric-key")).strip());
            case X509 -> Enrollments.x509(IdentityFiles.readCertificates(credential(name, identity, "certificate")).getFirst());
            case TPM -> throw new AssertionError("board '" + name + "' attests with a TPM, which the step library cannot enroll");
        };
    }

    private static Path credential(String name, Identity identity, String key) {
        Path file = identity.credentials().get(key);
        if (file == null) {
            throw new AssertionError("board '" + name + "' has no identity.credentials." + key + " in its profile; it has "
                    + identity.credentials().keySet());
        }
        return file;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    @Override
    public void dispose() {
        if (bench != null) {
            bench.close();
        }
    }
}
