package dev.dpsrig.hil.tethered;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.KeyType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The board side answering frames directly, checked against the JDK's own signature verification. */
class TetheredFirmwareTest {
    private static final HeldCertificate ROOT = HeldCertificate.builder().commonName("fw-root").certificateAuthority().build();
    private static final HeldCertificate EC = HeldCertificate.builder().commonName("fw-ec").clientAuth().signedBy(ROOT).build();
    private static final HeldCertificate RSA = HeldCertificate.builder().commonName("fw-rsa").keyType(KeyType.RSA_2048)
            .clientAuth().signedBy(ROOT).build();
    private static final String KEY = Base64.getEncoder().encodeToString("a-board-symmetric-key-32-bytes!!".getBytes(StandardCharsets.US_ASCII));
    private static final byte[] MESSAGE = "the TLS transcript, say".getBytes(StandardCharsets.UTF_8);

    private final TetheredFirmware ecBoard = new TetheredFirmware(new HeldIdentity.X509(EC), Map::of);
    private final TetheredFirmware rsaBoard = new TetheredFirmware(new HeldIdentity.X509(RSA), Map::of);
    private final TetheredFirmware symmetricBoard = new TetheredFirmware(new HeldIdentity.SymmetricKey("fw-sym", KEY), () -> {
        Map<String, Number> readings = new LinkedHashMap<>();
        readings.put("temperature", 21.5);
        readings.put("door \"open\"", 1);
        return readings;
    });

    @Test
    void helloNamesVersionRegistrationIdAndAttestation() {
        assertThat(ok(ecBoard, 1, Command.HELLO)).isEqualTo("1 fw-ec x509");
        assertThat(ok(symmetricBoard, 2, Command.HELLO)).isEqualTo("1 fw-sym symmetricKey");
    }

    @Test
    void chainPartsReassembleToTheCertificatesLeafFirst() throws Exception {
        for (int certificate = 0; certificate < 2; certificate++) {
            String[] first = ok(rsaBoard, 10, Command.CHAIN, Integer.toString(certificate), "0").split(" ");
            assertThat(first[0]).isEqualTo("2");
            StringBuilder base64 = new StringBuilder(first[2]);
            for (int part = 1; part < Integer.parseInt(first[1]); part++) {
                base64.append(ok(rsaBoard, 11, Command.CHAIN, Integer.toString(certificate), Integer.toString(part)).split(" ")[2]);
            }
            assertThat(CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(Base64.getDecoder().decode(base64.toString()))))
                    .isEqualTo(RSA.fullChain().get(certificate));
        }
        assertThat(Integer.parseInt(ok(rsaBoard, 12, Command.CHAIN, "0", "0").split(" ")[1])).isGreaterThan(1);
        assertThat(err(rsaBoard, 13, Command.CHAIN, "2", "0")).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(err(symmetricBoard, 14, Command.CHAIN, "0", "0")).isEqualTo(ErrorCode.UNSUPPORTED);
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void signaturesOverTheDigestVerifyAsSignaturesOverTheMessage(SignatureAlgorithm algorithm) throws Exception {
        HeldCertificate identity = algorithm.keyAlgorithm().equals("EC") ? EC : RSA;
        TetheredFirmware board = identity == EC ? ecBoard : rsaBoard;

        String signature = ok(board, 20, Command.SIGN, algorithm.wireName(),
                Base64.getEncoder().encodeToString(algorithm.digest(MESSAGE)));

        Signature verifier;
        if (algorithm.padding() == SignatureAlgorithm.Padding.PSS) {
            verifier = Signature.getInstance("RSASSA-PSS");
            verifier.setParameter(new PSSParameterSpec(algorithm.digestAlgorithm(), "MGF1",
                    new MGF1ParameterSpec(algorithm.digestAlgorithm()), algorithm.digestLength(), 1));
        } else {
            verifier = Signature.getInstance(algorithm.wireName());
        }
        verifier.initVerify(identity.certificate());
        verifier.update(MESSAGE);
        assertThat(verifier.verify(Base64.getDecoder().decode(signature))).isTrue();
    }

    @Test
    void signRefusesWhatItCannotDo() {
        String digest = Base64.getEncoder().encodeToString(new byte[32]);

        assertThat(err(ecBoard, 30, Command.SIGN, "SHA256withRSA", digest)).isEqualTo(ErrorCode.UNSUPPORTED);
        assertThat(err(ecBoard, 31, Command.SIGN, "SHA1withECDSA", digest)).isEqualTo(ErrorCode.UNSUPPORTED);
        assertThat(err(ecBoard, 32, Command.SIGN, "SHA384withECDSA", digest)).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(err(ecBoard, 33, Command.SIGN, "SHA256withECDSA", "not*base64")).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(err(symmetricBoard, 34, Command.SIGN, "SHA256withECDSA", digest)).isEqualTo(ErrorCode.UNSUPPORTED);
        assertThat(err(ecBoard, 35, Command.SIGN_SAS, digest)).isEqualTo(ErrorCode.UNSUPPORTED);
    }

    @Test
    void signSasIsTheHmacOfTheDecodedString() throws Exception {
        String stringToSign = "0ne00000001%2Fregistrations%2Ffw-sym\n1900000000";

        String answer = ok(symmetricBoard, 40, Command.SIGN_SAS,
                Base64.getEncoder().encodeToString(stringToSign.getBytes(StandardCharsets.UTF_8)));

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(KEY), "HmacSHA256"));
        assertThat(answer).isEqualTo(Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void readAnswersOneJsonObject() {
        assertThat(ok(symmetricBoard, 50, Command.READ)).isEqualTo("{\"temperature\":21.5,\"door \\\"open\\\"\":1}");
    }

    @Test
    void damagedRequestsGetTheMatchingErrorWithTheSequenceWhenReadable() {
        String line = Frames.encode(new TetheredRequest(61, Command.HELLO, List.of()));

        assertThat(ecBoard.answer(line.replace("HELLO", "HELLP"))).isInstanceOfSatisfying(TetheredReply.Err.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_CHECKSUM);
            assertThat(e.sequence()).isEqualTo(61);
        });
        assertThat(ecBoard.answer(">" + "9".repeat(2000))).isInstanceOfSatisfying(TetheredReply.Err.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.LINE_TOO_LONG);
            assertThat(e.sequence()).isZero();
        });
        assertThat(ecBoard.reply(">7 READ*" + Crc16.hex(">7 READ"))).startsWith("<7 OK {}*");
    }

    @Test
    void readingsJsonCannotCarryCannotBecomeAnInternalError() {
        TetheredFirmware broken = new TetheredFirmware(new HeldIdentity.X509(EC), () -> Map.of("t", Double.NaN));

        assertThat(err(broken, 70, Command.READ)).isEqualTo(ErrorCode.INTERNAL);
    }

    @Test
    void cuttingThePowerEndsTheFirmwareWithInterruptedExceptionAndAClosedLineEndsItQuietly() throws Exception {
        try (Wire wire = new Wire()) {
            CompletableFuture<Optional<Throwable>> ended = runOn(wire);
            wire.rig.sendLine(Frames.encode(new TetheredRequest(1, Command.HELLO, List.of())));
            assertThat(wire.rig.expect(Pattern.compile("^<1 OK"), Duration.ofSeconds(5)).line()).contains("fw-ec x509");

            boardThread.interrupt();

            assertThat(ended.get(5, TimeUnit.SECONDS)).containsInstanceOf(InterruptedException.class);
        }
        try (Wire wire = new Wire()) {
            CompletableFuture<Optional<Throwable>> ended = runOn(wire);

            wire.board.close();

            assertThat(ended.get(5, TimeUnit.SECONDS)).isEmpty();
        }
    }

    private Thread boardThread;

    private CompletableFuture<Optional<Throwable>> runOn(Wire wire) {
        CompletableFuture<Optional<Throwable>> ended = new CompletableFuture<>();
        boardThread = Thread.ofVirtual().start(() -> {
            try {
                ecBoard.run(wire.board);
                ended.complete(Optional.empty());
            } catch (Throwable e) {
                ended.complete(Optional.of(e));
            }
        });
        return ended;
    }

    private static String ok(TetheredFirmware board, int sequence, Command command, String... arguments) {
        TetheredReply reply = board.answer(Frames.encode(new TetheredRequest(sequence, command, List.of(arguments))));
        assertThat(reply.sequence()).isEqualTo(sequence);
        assertThat(reply).isInstanceOf(TetheredReply.Ok.class);
        return ((TetheredReply.Ok) reply).payload();
    }

    private static ErrorCode err(TetheredFirmware board, int sequence, Command command, String... arguments) {
        TetheredReply reply = board.answer(Frames.encode(new TetheredRequest(sequence, command, List.of(arguments))));
        assertThat(reply.sequence()).isEqualTo(sequence);
        assertThat(reply).isInstanceOf(TetheredReply.Err.class);
        return ((TetheredReply.Err) reply).code();
    }
}
