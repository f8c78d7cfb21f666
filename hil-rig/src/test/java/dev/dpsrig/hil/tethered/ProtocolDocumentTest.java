package dev.dpsrig.hil.tethered;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The worked examples of TETHERED-PROTOCOL.md are real frames: checksums, HMAC and signature all check out. */
class ProtocolDocumentTest {
    private static final String SYMMETRIC_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    @Test
    void symmetricKeyTranscriptHasOneDamagedFrameAndTheRightHmac() throws Exception {
        List<String> frames = transcripts().get(0);
        List<ErrorCode> failures = new ArrayList<>();
        String stringToSign = null;
        String hmac = null;
        for (String frame : frames) {
            try {
                if (frame.startsWith(">")) {
                    TetheredRequest request = Frames.decodeRequest(frame);
                    if (request.command() == Command.SIGN_SAS) {
                        stringToSign = new String(Base64.getDecoder().decode(request.arguments().getFirst()), StandardCharsets.UTF_8);
                    }
                } else if (Frames.decodeReply(frame) instanceof TetheredReply.Ok ok && ok.sequence() == 2) {
                    hmac = ok.payload();
                }
            } catch (MalformedFrameException e) {
                failures.add(e.code());
                assertThat(frame).contains("21.7");
            }
        }

        assertThat(failures).containsExactly(ErrorCode.BAD_CHECKSUM);
        assertThat(stringToSign).isEqualTo("0ne00000001%2Fregistrations%2Fsensor-3\n1900000000");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(SYMMETRIC_KEY), "HmacSHA256"));
        assertThat(hmac).isEqualTo(Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8))));
        assertThat(document()).contains(SYMMETRIC_KEY);
    }

    @Test
    void x509TranscriptsSignatureVerifiesWithTheCertificateItsChainGave() throws Exception {
        List<String> frames = transcripts().get(1);
        X509Certificate certificate = null;
        byte[] digest = null;
        byte[] signature = null;
        for (String frame : frames) {
            if (frame.startsWith(">")) {
                TetheredRequest request = Frames.decodeRequest(frame);
                if (request.command() == Command.SIGN) {
                    assertThat(request.arguments().getFirst()).isEqualTo("SHA256withECDSA");
                    digest = Base64.getDecoder().decode(request.arguments().get(1));
                }
                continue;
            }
            TetheredReply.Ok ok = (TetheredReply.Ok) Frames.decodeReply(frame);
            if (ok.sequence() == 2) {
                String[] fields = ok.payload().split(" ");
                assertThat(fields[0] + " " + fields[1]).isEqualTo("1 1");
                certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(fields[2])));
            } else if (ok.sequence() == 3) {
                signature = Base64.getDecoder().decode(ok.payload());
            }
        }

        byte[] message = "example TLS 1.3 CertificateVerify content".getBytes(StandardCharsets.US_ASCII);
        assertThat(digest).isEqualTo(SignatureAlgorithm.SHA256_WITH_ECDSA.digest(message));
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=sensor-7");
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(certificate);
        verifier.update(message);
        assertThat(verifier.verify(signature)).isTrue();
    }

    /** The frames of each {@code transcript} block, in order, without their {@code R: }/{@code B: } prefix. */
    private static List<List<String>> transcripts() throws Exception {
        List<List<String>> blocks = new ArrayList<>();
        List<String> current = null;
        for (String line : document().lines().toList()) {
            if (line.equals("```transcript")) {
                current = new ArrayList<>();
            } else if (line.equals("```") && current != null) {
                blocks.add(current);
                current = null;
            } else if (current != null) {
                assertThat(line).matches("[RB]: .*");
                String content = line.substring(3);
                if (content.startsWith(">") || content.startsWith("<")) {
                    current.add(content);
                }
            }
        }
        assertThat(blocks).hasSize(2);
        return blocks;
    }

    private static String document() throws Exception {
        return Files.readString(Path.of("TETHERED-PROTOCOL.md"));
    }
}
