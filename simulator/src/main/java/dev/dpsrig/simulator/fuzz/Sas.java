package dev.dpsrig.simulator.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SAS tokens as the fuzzer needs them: correctly signed over any {@code se} text (a 20-digit one, a
 * negative one), with any {@code skn}, or with one bit of the signature flipped.
 */
final class Sas {
    private Sas() {
    }

    /** {@code SharedAccessSignature sr=...&sig=...&se=...[&skn=...]}, signed with {@code base64Key}. */
    static String header(String resource, String base64Key, String se, Optional<String> skn) {
        String sr = URLEncoder.encode(resource, StandardCharsets.UTF_8);
        return signed(sr, signature(base64Key, sr + "\n" + se), se, skn);
    }

    static String signed(String encodedSr, String signature, String se, Optional<String> skn) {
        return "SharedAccessSignature sr=" + encodedSr + "&sig=" + URLEncoder.encode(signature, StandardCharsets.UTF_8)
                + "&se=" + se + skn.map(name -> "&skn=" + name).orElse("");
    }

    static String signature(String base64Key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(base64Key), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    /** The same token with one bit of its signature flipped: well formed, and wrong. */
    static String tampered(String resource, String base64Key, String se, Optional<String> skn, int bit) {
        String sr = URLEncoder.encode(resource, StandardCharsets.UTF_8);
        byte[] signature = Base64.getDecoder().decode(signature(base64Key, sr + "\n" + se));
        signature[(bit / 8) % signature.length] ^= (byte) (1 << (bit % 8));
        return signed(sr, Base64.getEncoder().encodeToString(signature), se, skn);
    }
}
