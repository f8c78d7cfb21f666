package dev.dpsrig.hil.tethered;

import dev.dpsrig.hil.Console;
import dev.dpsrig.hil.ConsoleTimeoutException;
import dev.dpsrig.hil.RigException;
import dev.dpsrig.hil.virtual.Firmware;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The board side of the tethered protocol: answers each request frame from a {@link HeldIdentity}
 * whose secret never crosses the line, and READ from a readings supplier. It is what a firmware
 * author's C implementation must match, and the virtual board CI runs in its place.
 */
public final class TetheredFirmware implements Firmware {
    public static final int PROTOCOL_VERSION = 1;
    /** Base64 characters of a certificate per CHAIN reply; keeps each reply well under the line limit. */
    static final int CHAIN_PART_CHARS = 600;
    private static final Pattern REQUEST = Pattern.compile("^" + Pattern.quote(String.valueOf(Frames.REQUEST)));
    /** A key holder waits for the rig indefinitely; the console ends the wait when its line closes. */
    private static final Duration IDLE = Duration.ofDays(365);

    private final HeldIdentity identity;
    private final Supplier<Map<String, Number>> readings;

    public TetheredFirmware(HeldIdentity identity, Supplier<Map<String, Number>> readings) {
        this.identity = identity;
        this.readings = readings;
    }

    @Override
    public void run(Console line) throws InterruptedException {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                String request = line.expect(REQUEST, IDLE).line();
                line.sendLine(reply(request));
            } catch (ConsoleTimeoutException ended) {
                return;
            } catch (RigException e) {
                if (cutOff(e)) {
                    break; // the power was cut while waiting or answering
                }
                throw e;
            }
        }
        throw new InterruptedException("power cut");
    }

    /** Whether a line failure is the power cut: the thread's interrupt, still set or turned into the failure's cause. */
    private static boolean cutOff(RigException failure) {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException || cause instanceof java.io.InterruptedIOException
                    || cause instanceof java.nio.channels.ClosedByInterruptException) {
                return true;
            }
        }
        return false;
    }

    /** The encoded reply to one received line; a reply too long for a frame becomes an INTERNAL error. */
    String reply(String line) {
        TetheredReply reply = answer(line);
        try {
            return Frames.encode(reply);
        } catch (IllegalArgumentException e) {
            return Frames.encode(new TetheredReply.Err(reply.sequence(), ErrorCode.INTERNAL, "the reply does not fit in one frame"));
        }
    }

    /** The reply to one received line; never throws, a board answers everything it can read. */
    TetheredReply answer(String line) {
        TetheredRequest request;
        try {
            request = Frames.decodeRequest(line);
        } catch (MalformedFrameException e) {
            return new TetheredReply.Err(e.sequence(), e.code(), e.getMessage().split(":", 2)[0]);
        }
        int sequence = request.sequence();
        try {
            return new TetheredReply.Ok(sequence, switch (request.command()) {
                case HELLO -> PROTOCOL_VERSION + " " + identity.registrationId() + " " + identity.kind().dpsName();
                case CHAIN -> chainPart(request.arguments());
                case SIGN_SAS -> signSas(request.arguments().getFirst());
                case SIGN -> sign(request.arguments().get(0), request.arguments().get(1));
                case READ -> ReadingsJson.encode(readings.get());
            });
        } catch (Refusal refusal) {
            return new TetheredReply.Err(sequence, refusal.code, refusal.getMessage());
        } catch (IllegalArgumentException e) {
            return new TetheredReply.Err(sequence, ErrorCode.INTERNAL, e.getMessage());
        }
    }

    private String chainPart(List<String> arguments) {
        if (!(identity instanceof HeldIdentity.X509 x509)) {
            throw new Refusal(ErrorCode.UNSUPPORTED, "a symmetric-key board has no certificate chain");
        }
        List<X509Certificate> chain = x509.identity().fullChain();
        int certificate = index(arguments.get(0), chain.size(), "certificate");
        String base64;
        try {
            base64 = Base64.getEncoder().encodeToString(chain.get(certificate).getEncoded());
        } catch (CertificateEncodingException e) {
            throw new Refusal(ErrorCode.INTERNAL, "certificate " + certificate + " cannot be encoded");
        }
        int parts = (base64.length() + CHAIN_PART_CHARS - 1) / CHAIN_PART_CHARS;
        int part = index(arguments.get(1), parts, "part");
        int from = part * CHAIN_PART_CHARS;
        return chain.size() + " " + parts + " " + base64.substring(from, Math.min(base64.length(), from + CHAIN_PART_CHARS));
    }

    private String signSas(String base64StringToSign) {
        if (!(identity instanceof HeldIdentity.SymmetricKey symmetric)) {
            throw new Refusal(ErrorCode.UNSUPPORTED, "an x509 board signs with SIGN, not SIGN-SAS");
        }
        byte[] stringToSign = base64(base64StringToSign, "string to sign");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(symmetric.base64Key()), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign));
        } catch (GeneralSecurityException e) {
            throw new Refusal(ErrorCode.KEY_UNAVAILABLE, "HMAC-SHA256 failed: " + e.getMessage());
        }
    }

    private String sign(String algorithmName, String base64Digest) {
        if (!(identity instanceof HeldIdentity.X509 x509)) {
            throw new Refusal(ErrorCode.UNSUPPORTED, "a symmetric-key board signs with SIGN-SAS, not SIGN");
        }
        SignatureAlgorithm algorithm = SignatureAlgorithm.ofWireName(algorithmName)
                .orElseThrow(() -> new Refusal(ErrorCode.UNSUPPORTED, "unknown signature algorithm " + algorithmName));
        String keyAlgorithm = x509.identity().privateKey().getAlgorithm();
        if (!algorithm.keyAlgorithm().equals(keyAlgorithm)) {
            throw new Refusal(ErrorCode.UNSUPPORTED, algorithmName + " needs an " + algorithm.keyAlgorithm() + " key, this is " + keyAlgorithm);
        }
        byte[] digest = base64(base64Digest, "digest");
        if (digest.length != algorithm.digestLength()) {
            throw new Refusal(ErrorCode.BAD_ARGUMENT, algorithmName + " takes a " + algorithm.digestLength() + "-byte digest, got " + digest.length);
        }
        try {
            return Base64.getEncoder().encodeToString(DigestSigner.sign(x509.identity().privateKey(), algorithm, digest));
        } catch (GeneralSecurityException e) {
            throw new Refusal(ErrorCode.KEY_UNAVAILABLE, "signing failed: " + e.getMessage());
        }
    }

    private static int index(String digits, int count, String what) {
        if (!digits.matches("\\d{1,4}") || Integer.parseInt(digits) >= count) {
            throw new Refusal(ErrorCode.BAD_ARGUMENT, what + " " + digits + " is not 0.." + (count - 1));
        }
        return Integer.parseInt(digits);
    }

    private static byte[] base64(String text, String what) {
        try {
            return Base64.getDecoder().decode(text.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new Refusal(ErrorCode.BAD_ARGUMENT, what + " is not base64");
        }
    }

    /** A request the board understood and declines, with the code it answers. */
    private static final class Refusal extends RuntimeException {
        private final ErrorCode code;

        Refusal(ErrorCode code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }
}
