package dev.dpsrig.hil.tethered;

import dev.dpsrig.hil.AttestationKind;
import dev.dpsrig.hil.Console;
import dev.dpsrig.hil.ConsoleTimeoutException;
import dev.dpsrig.hil.Pause;
import dev.dpsrig.hil.RigEvent;
import dev.dpsrig.hil.RigException;
import dev.dpsrig.hil.RigListener;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * The rig's end of the tethered protocol over a board's {@link Console}: one request at a time, each
 * with a fresh sequence number, so a late reply to an earlier attempt is recognised and dropped.
 * Lines that are not reply frames (a board's log output) are skipped. A lost, garbled or
 * retryable-error reply sends an idempotent command again, up to the settings' attempts; then, or
 * on an error that is an answer, a {@link TetheredException} names the command and shows the evidence.
 */
public final class TetheredLink {
    private static final Pattern REPLY = Pattern.compile("^" + Pattern.quote(String.valueOf(Frames.REPLY)));
    private static final int TAIL_LINES = 20;
    private static final int MAX_CHAIN_CERTIFICATES = 10;
    private static final int MAX_CHAIN_PARTS = 100;

    private final Console console;
    private final String board;
    private final LinkSettings settings;
    private final RigListener listener;
    private final Clock clock;
    private final Pause pause;
    private final ReentrantLock exclusive;
    /** Shared by every link {@link #withSettings derived} from this one: one numbering per serial line. */
    private final AtomicInteger lastSequence;

    public TetheredLink(Console console, String board, LinkSettings settings, RigListener listener, Clock clock, Pause pause) {
        this(console, board, settings, listener, clock, pause, new ReentrantLock(), new AtomicInteger());
    }

    private TetheredLink(Console console, String board, LinkSettings settings, RigListener listener, Clock clock, Pause pause,
                         ReentrantLock exclusive, AtomicInteger lastSequence) {
        this.console = console;
        this.board = board;
        this.settings = settings;
        this.listener = listener;
        this.clock = clock;
        this.pause = pause;
        this.exclusive = exclusive;
        this.lastSequence = lastSequence;
    }

    /**
     * This link with other timeouts or attempts, on the same line and continuing its sequence numbers, so
     * a late reply to a request made through either is never taken for the answer to the other's.
     */
    public TetheredLink withSettings(LinkSettings other) {
        return new TetheredLink(console, board, other, listener, clock, pause, exclusive, lastSequence);
    }

    public TetheredLink(Console console, String board, RigListener listener) {
        this(console, board, LinkSettings.defaults(), listener, Clock.systemUTC(), Pause.SLEEPING);
    }

    public String board() {
        return board;
    }

    public Hello hello() {
        Answer answer = exchange(Command.HELLO);
        String[] fields = answer.payload().split(" ");
        if (fields.length != 3 || !fields[0].matches("\\d{1,3}") || fields[1].isEmpty()) {
            throw invalidAnswer(answer, "HELLO answers '<version> <registration id> symmetricKey|x509'");
        }
        int version = Integer.parseInt(fields[0]);
        if (version != TetheredFirmware.PROTOCOL_VERSION) {
            throw invalidAnswer(answer, "the board speaks protocol version " + version + ", this rig speaks "
                    + TetheredFirmware.PROTOCOL_VERSION);
        }
        AttestationKind kind = AttestationKind.byDpsName(fields[2]).filter(named -> named != AttestationKind.TPM)
                .orElseThrow(() -> invalidAnswer(answer, "attestation '" + fields[2] + "' is neither symmetricKey nor x509"));
        return new Hello(version, fields[1], kind);
    }

    /** The board's certificate chain, leaf first, fetched part by part. */
    public List<X509Certificate> chain() {
        List<X509Certificate> chain = new ArrayList<>();
        int certificates = 1;
        for (int certificate = 0; certificate < certificates; certificate++) {
            StringBuilder base64 = new StringBuilder();
            int parts = 1;
            Answer last = null;
            for (int part = 0; part < parts; part++) {
                last = exchange(Command.CHAIN, Integer.toString(certificate), Integer.toString(part));
                String[] fields = last.payload().split(" ");
                if (fields.length != 3 || !fields[0].matches("\\d{1,3}") || !fields[1].matches("\\d{1,3}")) {
                    throw invalidAnswer(last, "CHAIN answers '<certificates> <parts> <base64 part>'");
                }
                int saidCertificates = Integer.parseInt(fields[0]);
                int saidParts = Integer.parseInt(fields[1]);
                if (certificate == 0 && part == 0) {
                    certificates = saidCertificates;
                }
                if (part == 0) {
                    parts = saidParts;
                }
                if (saidCertificates != certificates || saidParts != parts || certificates < 1
                        || certificates > MAX_CHAIN_CERTIFICATES || parts < 1 || parts > MAX_CHAIN_PARTS) {
                    throw invalidAnswer(last, "the board said " + saidCertificates + " certificate(s) in " + saidParts
                            + " part(s), inconsistent with earlier replies or out of range");
                }
                base64.append(fields[2]);
            }
            chain.add(certificate(base64.toString(), certificate, last));
        }
        return List.copyOf(chain);
    }

    /** base64 HMAC-SHA256 of {@code stringToSign} with the board's symmetric key. */
    public String signSas(String stringToSign) {
        Answer answer = exchange(Command.SIGN_SAS, Base64.getEncoder().encodeToString(stringToSign.getBytes(StandardCharsets.UTF_8)));
        if (decodedLength(answer.payload()) != 32) {
            throw invalidAnswer(answer, "SIGN-SAS answers base64 of a 32-byte HMAC-SHA256");
        }
        return answer.payload();
    }

    /** The board's signature over a digest the caller computed. */
    public byte[] sign(SignatureAlgorithm algorithm, byte[] digest) {
        if (digest.length != algorithm.digestLength()) {
            throw new IllegalArgumentException(algorithm.wireName() + " signs a " + algorithm.digestLength() + "-byte digest, not "
                    + digest.length + " bytes");
        }
        Answer answer = exchange(Command.SIGN, algorithm.wireName(), Base64.getEncoder().encodeToString(digest));
        if (decodedLength(answer.payload()) < 1) {
            throw invalidAnswer(answer, "SIGN answers the base64 signature");
        }
        return Base64.getDecoder().decode(answer.payload());
    }

    /**
     * Hashes {@code data} here and has the board sign the digest: the shape of a
     * {@link dev.dpsrig.certs.DelegatedSigner}, so a TLS handshake can sign through the board.
     */
    public byte[] signMessage(String algorithm, byte[] data) {
        SignatureAlgorithm known = SignatureAlgorithm.ofWireName(algorithm)
                .orElseThrow(() -> new IllegalArgumentException("the tethered protocol has no signature algorithm " + algorithm));
        return sign(known, known.digest(data));
    }

    /** The board's sensor readings: one JSON object, as text. */
    public String read() {
        Answer answer = exchange(Command.READ);
        String json = answer.payload();
        if (!json.startsWith("{") || !json.endsWith("}")) {
            throw invalidAnswer(answer, "READ answers one JSON object");
        }
        return json;
    }

    private Answer exchange(Command command, String... arguments) {
        exclusive.lock();
        try {
            int allowed = command.idempotent() ? settings.attempts() : 1;
            Outcome.Retry last = new Outcome.Retry(Optional.empty(), "not sent", false);
            int sequence = 0;
            for (int attempt = 1; attempt <= allowed; attempt++) {
                sequence = nextSequence();
                switch (attempt(command, sequence, attempt, List.of(arguments))) {
                    case Outcome.Answered answered -> {
                        return new Answer(command, sequence, attempt, answered.line(), answered.payload());
                    }
                    case Outcome.Refused refused -> throw failure(command, sequence, attempt, Optional.of(refused.line()),
                            "the board answered " + refused.error().code().word()
                                    + (refused.error().text().isEmpty() ? "" : " (" + refused.error().text() + ")"));
                    case Outcome.Retry retry -> {
                        last = retry;
                        if (retry.busy() && attempt < allowed) {
                            rest();
                        }
                    }
                }
            }
            throw failure(command, sequence, allowed, last.line(), last.reason()
                    + (command.idempotent() ? "" : "; " + command.word() + " is not retried"));
        } finally {
            exclusive.unlock();
        }
    }

    private Outcome attempt(Command command, int sequence, int attempt, List<String> arguments) {
        String request = Frames.encode(new TetheredRequest(sequence, command, arguments));
        emit(RigEvent.Kind.TETHERED_REQUEST, Frames.abbreviate(request) + (attempt > 1 ? " (attempt " + attempt + ")" : ""));
        try {
            console.sendLine(request);
        } catch (RigException e) {
            throw failure(command, sequence, attempt, Optional.empty(), "could not send: " + e.getMessage());
        }
        Duration timeout = settings.timeout(command);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line;
            try {
                line = console.expect(REPLY, Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))).line();
            } catch (ConsoleTimeoutException e) {
                emit(RigEvent.Kind.TETHERED_REPLY, "none to seq " + sequence + " within " + timeout.toMillis() + " ms");
                return new Outcome.Retry(Optional.empty(), "no reply within " + timeout.toMillis() + " ms", false);
            }
            TetheredReply reply;
            try {
                reply = Frames.decodeReply(line);
            } catch (MalformedFrameException e) {
                if (e.sequence() != 0 && e.sequence() != sequence) {
                    emit(RigEvent.Kind.TETHERED_REPLY, "garbled stale reply dropped: " + e.getMessage());
                    continue;
                }
                emit(RigEvent.Kind.TETHERED_REPLY, "garbled: " + e.getMessage());
                return new Outcome.Retry(Optional.of(line), "garbled reply (" + e.getMessage() + ")", false);
            }
            if (reply.sequence() != sequence && reply.sequence() != 0) {
                emit(RigEvent.Kind.TETHERED_REPLY, "stale reply to seq " + reply.sequence() + " dropped: " + Frames.abbreviate(line));
                continue;
            }
            emit(RigEvent.Kind.TETHERED_REPLY, Frames.abbreviate(line));
            return switch (reply) {
                case TetheredReply.Ok ok -> new Outcome.Answered(line, ok.payload());
                case TetheredReply.Err err when err.code().retryable() -> new Outcome.Retry(Optional.of(line),
                        "the board answered " + err.code().word() + (err.text().isEmpty() ? "" : " (" + err.text() + ")"),
                        err.code() == ErrorCode.BUSY);
                case TetheredReply.Err err -> new Outcome.Refused(line, err);
            };
        }
    }

    private void rest() {
        try {
            pause.await(settings.busyPause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RigException("interrupted while waiting for busy board " + board, e);
        }
    }

    /** 1 to 65535, then round again; 0 is left for replies to requests whose number could not be read. */
    private int nextSequence() {
        return lastSequence.updateAndGet(last -> last % Frames.MAX_SEQUENCE + 1);
    }

    private X509Certificate certificate(String base64, int index, Answer last) {
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (IllegalArgumentException | CertificateException e) {
            throw invalidAnswer(last, "certificate " + index + " of the chain is not base64 DER X.509: " + e.getMessage());
        }
    }

    private static int decodedLength(String base64) {
        try {
            return base64.isEmpty() ? 0 : Base64.getDecoder().decode(base64).length;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    private TetheredException failure(Command command, int sequence, int attempts, Optional<String> reply, String reason) {
        return new TetheredException(command, sequence, attempts, reply, console.tail(TAIL_LINES), reason + " on " + console.name());
    }

    private void emit(RigEvent.Kind kind, String detail) {
        listener.event(new RigEvent(clock.instant(), board, kind, detail));
    }

    /** A successful reply, and how to fail the command if its payload makes no sense. */
    private record Answer(Command command, int sequence, int attempts, String line, String payload) {
    }

    private TetheredException invalidAnswer(Answer answer, String reason) {
        return failure(answer.command(), answer.sequence(), answer.attempts(), Optional.of(answer.line()), reason);
    }

    private sealed interface Outcome {
        record Answered(String line, String payload) implements Outcome {
        }

        record Refused(String line, TetheredReply.Err error) implements Outcome {
        }

        record Retry(Optional<String> line, String reason, boolean busy) implements Outcome {
        }
    }
}
