package dev.dpsrig.hil.tethered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.hil.AttestationKind;
import dev.dpsrig.hil.RigEvent;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The rig's end over in-memory pipes, against the real firmware and against boards that misbehave on cue. */
class TetheredLinkTest {
    private static final HeldCertificate ROOT = HeldCertificate.builder().commonName("link-root").certificateAuthority().build();
    private static final HeldCertificate DEVICE = HeldCertificate.builder().commonName("link-board").clientAuth().signedBy(ROOT).build();
    private static final Duration SHORT = Duration.ofMillis(300);

    private final Wire wire = new Wire();
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private Thread boardThread;

    @AfterEach
    void close() throws InterruptedException {
        wire.close();
        if (boardThread != null) {
            boardThread.interrupt();
            boardThread.join(5000);
        }
    }

    @Test
    void talksToTheFirmwareAndReportsEachExchange() throws Exception {
        runBoard(new TetheredFirmware(new HeldIdentity.X509(DEVICE), () -> Map.of("t", 20)));
        TetheredLink link = link(LinkSettings.defaults());

        assertThat(link.hello()).isEqualTo(new Hello(1, "link-board", AttestationKind.X509));
        assertThat(link.chain()).containsExactly(DEVICE.certificate(), ROOT.certificate());
        byte[] message = "to be signed".getBytes(StandardCharsets.UTF_8);
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(DEVICE.certificate());
        verifier.update(message);
        assertThat(verifier.verify(link.signMessage("SHA256withECDSA", message))).isTrue();
        assertThat(link.read()).isEqualTo("{\"t\":20}");
        assertThat(wire.details(RigEvent.Kind.TETHERED_REQUEST)).hasSize(wire.details(RigEvent.Kind.TETHERED_REPLY).size())
                .first().asString().startsWith(">1 HELLO*");
        assertThat(wire.details(RigEvent.Kind.TETHERED_REPLY)).first().asString().startsWith("<1 OK 1 link-board x509*");
    }

    @Test
    void anX509IdentityIsAHeldCertificateWhoseKeyTheBoardHolds() throws Exception {
        runBoard(new TetheredFirmware(new HeldIdentity.X509(DEVICE), Map::of));

        TetheredIdentity identity = TetheredIdentity.ask(link(LinkSettings.defaults()));

        assertThat(identity).isInstanceOfSatisfying(TetheredIdentity.X509.class, x509 -> {
            assertThat(x509.registrationId()).isEqualTo("link-board");
            assertThat(x509.identity().fullChain()).containsExactly(DEVICE.certificate(), ROOT.certificate());
            assertThat(x509.identity().privateKey().getEncoded()).isNull();
        });
    }

    @Test
    void aBoardWithTheWrongKeyIsCaughtWhenAsked() {
        HeldCertificate impostor = HeldCertificate.builder().commonName("link-board").build();
        runBoard(script((request, answer) -> switch (request.command()) {
            case SIGN -> new TetheredFirmware(new HeldIdentity.X509(impostor), Map::of).reply(answer);
            default -> new TetheredFirmware(new HeldIdentity.X509(DEVICE), Map::of).reply(answer);
        }));

        assertThatThrownBy(() -> TetheredIdentity.ask(link(LinkSettings.defaults())))
                .isInstanceOf(TetheredException.class).hasMessageContaining("holds another key");
    }

    @Test
    void aStaleReplyIsDroppedAndTheCurrentOneUsed() {
        runBoard(script((request, line) -> reply(request.sequence() - 1 == 0 ? 65535 : request.sequence() - 1, "1 stale-board x509")
                + "\n" + reply(request.sequence(), "1 fresh-board symmetricKey")));
        TetheredLink link = link(LinkSettings.defaults());

        assertThat(link.hello().registrationId()).isEqualTo("fresh-board");
        assertThat(wire.details(RigEvent.Kind.TETHERED_REPLY)).anySatisfy(d -> assertThat(d).startsWith("stale reply to seq 65535"));
    }

    @Test
    void aGarbledReplyIsRetriedWithANewSequenceNumber() {
        AtomicInteger seen = new AtomicInteger();
        runBoard(script((request, line) -> seen.incrementAndGet() == 1
                ? reply(request.sequence(), "1 noisy-board x509").replace("noisy", "nois\u00ff")
                : reply(request.sequence(), "1 noisy-board x509")));

        assertThat(link(LinkSettings.defaults()).hello().registrationId()).isEqualTo("noisy-board");
        assertThat(wire.details(RigEvent.Kind.TETHERED_REQUEST)).hasSize(2).last().asString()
                .startsWith(">2 HELLO*").endsWith("(attempt 2)");
        assertThat(wire.details(RigEvent.Kind.TETHERED_REPLY)).first().asString().startsWith("garbled:");
    }

    @Test
    void aStalledBoardFailsTheCommandAfterEveryAttemptShowingWhatTheLineCarried() {
        runBoard(script((request, line) -> "boot: sensor init failed, waiting for watchdog"));

        assertThatThrownBy(() -> link(LinkSettings.defaults().withTimeout(Command.SIGN_SAS, SHORT)).signSas("scope\n1"))
                .isInstanceOfSatisfying(TetheredException.class, e -> {
                    assertThat(e.command()).isEqualTo(Command.SIGN_SAS);
                    assertThat(e.attempts()).isEqualTo(3);
                    assertThat(e.sequence()).isEqualTo(3);
                    assertThat(e.reply()).isEmpty();
                    assertThat(e.tail()).contains("boot: sensor init failed, waiting for watchdog");
                    assertThat(e).hasMessageStartingWith("tethered SIGN-SAS (seq 3, 3 attempts) failed: no reply within 300 ms on rig-end");
                });
    }

    @Test
    void readIsNotRetried() {
        AtomicInteger reads = new AtomicInteger();
        runBoard(script((request, line) -> {
            reads.incrementAndGet();
            return "<" + request.sequence() + " OK {\"t\":1}*0000";
        }));

        assertThatThrownBy(() -> link(LinkSettings.defaults()).read()).isInstanceOfSatisfying(TetheredException.class, e -> {
            assertThat(e.command()).isEqualTo(Command.READ);
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.reply()).hasValueSatisfying(reply -> assertThat(reply).endsWith("*0000"));
            assertThat(e).hasMessageContaining("garbled reply").hasMessageContaining("READ is not retried");
        });
        assertThat(reads).hasValue(1);
    }

    @Test
    void anErrorThatIsAnAnswerFailsAtOnceAndBusyIsAskedAgainAfterAPause() {
        AtomicInteger asked = new AtomicInteger();
        runBoard(script((request, line) -> switch (request.command()) {
            case SIGN -> Frames.encode(new TetheredReply.Err(request.sequence(), ErrorCode.KEY_UNAVAILABLE, "slot 0 locked"));
            default -> asked.incrementAndGet() < 3
                    ? Frames.encode(new TetheredReply.Err(request.sequence(), ErrorCode.BUSY, ""))
                    : reply(request.sequence(), "1 busy-board symmetricKey");
        }));
        TetheredLink link = link(LinkSettings.defaults());

        assertThat(link.hello().attestation()).isEqualTo(AttestationKind.SYMMETRIC_KEY);
        assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(100));
        assertThatThrownBy(() -> link.sign(SignatureAlgorithm.SHA256_WITH_ECDSA, new byte[32]))
                .isInstanceOfSatisfying(TetheredException.class, e -> {
                    assertThat(e.attempts()).isEqualTo(1);
                    assertThat(e).hasMessageContaining("the board answered KEY-UNAVAILABLE (slot 0 locked)");
                });
    }

    @Test
    void nonsenseInAValidFrameIsNotRetried() {
        runBoard(script((request, line) -> reply(request.sequence(), "2 future-board x509")));

        assertThatThrownBy(() -> link(LinkSettings.defaults()).hello()).isInstanceOfSatisfying(TetheredException.class, e -> {
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e).hasMessageContaining("protocol version 2");
        });
    }

    private TetheredLink link(LinkSettings settings) {
        return new TetheredLink(wire.rig, "board-1", settings, wire.events::add, Clock.systemUTC(), pauses::add);
    }

    private void runBoard(dev.dpsrig.hil.virtual.Firmware firmware) {
        boardThread = Thread.ofVirtual().start(() -> {
            try {
                firmware.run(wire.board);
            } catch (InterruptedException | RuntimeException e) {
                // the test is over
            }
        });
    }

    /** A board answering each request frame with whatever {@code answer} makes of it (lines joined by LF). */
    private static dev.dpsrig.hil.virtual.Firmware script(BiFunction<TetheredRequest, String, String> answer) {
        return line -> {
            while (true) {
                String received = line.expect(Pattern.compile("^>"), Duration.ofSeconds(30)).line();
                for (String out : answer.apply(Frames.decodeRequest(received), received).split("\n")) {
                    line.sendLine(out);
                }
            }
        };
    }

    private static String reply(int sequence, String payload) {
        return Frames.encode(new TetheredReply.Ok(sequence, payload));
    }
}
