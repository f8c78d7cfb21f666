package dev.dpsrig.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A shared access signature as DPS and IoT Hub take it in the {@code Authorization} header:
 * {@code SharedAccessSignature sr=…&sig=…&se=…[&skn=…]}, fields in any order.
 *
 * <p>The signed string is {@code sr + "\n" + se} with {@code sr} <em>exactly as it travels</em>:
 * the C, C# and Python clients percent-encode it (in lower or upper case) and sign the encoded
 * form, the Java and Node clients send and sign it raw. Verifying over the verbatim value is the
 * only rule that accepts them all, so this record keeps {@code sr} and {@code se} as sent and
 * decodes only the signature.
 *
 * @param resourceUri the {@code sr} field as sent (possibly still percent-encoded)
 * @param signature   the {@code sig} field, percent-decoded: base64 of the HMAC-SHA256
 * @param expiry      the {@code se} field as sent: seconds since the Unix epoch
 * @param keyName     the {@code skn} field; DPS devices send none, an empty one or {@code registration}
 */
public record SasToken(String resourceUri, String signature, String expiry, Optional<String> keyName) {
    public static final String SCHEME = "SharedAccessSignature";

    public SasToken {
        if (resourceUri.isEmpty()) {
            throw new SasTokenException("SAS token has an empty sr (resource URI)");
        }
        try {
            UrlEncoding.decode(resourceUri);
        } catch (IllegalArgumentException e) {
            throw new SasTokenException("SAS token sr is not URL-encoded properly: " + e.getMessage(), e);
        }
        if (!expiry.matches("\\d{1,12}")) {
            throw new SasTokenException("SAS token se '" + expiry + "' is not a whole number of seconds since 1970");
        }
    }

    /** Parses an {@code Authorization} header value; the message of the exception says what is wrong. */
    public static SasToken parse(String authorization) {
        String value = authorization.strip();
        int space = indexOfWhitespace(value);
        if (space < 0 || !value.substring(0, space).equals(SCHEME)) {
            throw new SasTokenException("Authorization is not a SAS token: it must start with '" + SCHEME + " '");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : value.substring(space).strip().split("&")) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new SasTokenException("SAS token field '" + pair + "' is not name=value");
            }
            String name = pair.substring(0, equals);
            if (fields.putIfAbsent(name, pair.substring(equals + 1)) != null) {
                throw new SasTokenException("SAS token has field '" + name + "' twice");
            }
        }
        String sr = required(fields, "sr");
        String sig = required(fields, "sig");
        String se = required(fields, "se");
        String decodedSignature;
        try {
            decodedSignature = UrlEncoding.decode(sig);
        } catch (IllegalArgumentException e) {
            throw new SasTokenException("SAS token sig is not URL-encoded properly: " + e.getMessage(), e);
        }
        return new SasToken(sr, decodedSignature, se, Optional.ofNullable(fields.get("skn")));
    }

    /**
     * Signs like the walkthrough's Python generator: {@code sr} is the URI percent-encoded with
     * {@code quote_plus}, and that encoded form is what is signed.
     *
     * @param base64Key the device, group-derived or policy key, base64 as DPS shows it
     */
    public static SasToken sign(String resourceUri, String base64Key, Instant expiresAt, Optional<String> keyName) {
        return sign(resourceUri, SasSigner.withKey(base64Key), expiresAt, keyName);
    }

    /**
     * As {@link #sign(String, String, Instant, Optional)}, the signature made by {@code signer}. What it
     * answers is checked to be base64 of an HMAC-SHA256, so a signer on the far side of a noisy line
     * cannot put garbage in a header.
     */
    public static SasToken sign(String resourceUri, SasSigner signer, Instant expiresAt, Optional<String> keyName) {
        String sr = UrlEncoding.quotePlus(resourceUri);
        String se = Long.toString(expiresAt.getEpochSecond());
        String signature = signer.sign(sr + "\n" + se);
        if (!isHmacSha256(signature)) {
            throw new SasTokenException("the SAS signer answered '" + signature + "', which is not base64 of a 32-byte HMAC-SHA256");
        }
        return new SasToken(sr, signature, se, keyName);
    }

    private static boolean isHmacSha256(String signature) {
        try {
            return signature.length() == 44 && Base64.getDecoder().decode(signature).length == 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The header value, fields in the walkthrough's order, {@code sig} percent-encoded. */
    public String toAuthorizationHeader() {
        StringBuilder out = new StringBuilder(SCHEME).append(" sr=").append(resourceUri)
                .append("&sig=").append(UrlEncoding.quotePlus(signature))
                .append("&se=").append(expiry);
        keyName.ifPresent(name -> out.append("&skn=").append(name));
        return out.toString();
    }

    /** {@code sr} with any percent-encoding undone, e.g. {@code 0ne00111111/registrations/my-device}. */
    public String decodedResourceUri() {
        return UrlEncoding.decode(resourceUri);
    }

    public Instant expiresAt() {
        return Instant.ofEpochSecond(Long.parseLong(expiry));
    }

    /** Whether this key made the signature, compared in constant time. */
    public boolean isSignedWith(String base64Key) {
        byte[] expected = hmac(base64Key, resourceUri + "\n" + expiry).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    /** base64(HMAC-SHA256(base64decode(key), message)). */
    static String hmac(String base64Key, String message) {
        byte[] key;
        try {
            key = Base64Text.decode(base64Key, "key");
        } catch (IllegalArgumentException e) {
            throw new SasTokenException(e.getMessage(), e);
        }
        if (key.length == 0) {
            throw new SasTokenException("key is empty");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            throw new SasTokenException("SAS token has no " + name + " field");
        }
        return value;
    }

    private static int indexOfWhitespace(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isWhitespace(value.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
