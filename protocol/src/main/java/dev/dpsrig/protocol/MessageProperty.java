package dev.dpsrig.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The system properties of an IoT Hub message and the HTTP headers that carry them, in device-to-cloud
 * requests, batch entries and cloud-to-device answers. Application properties travel as
 * {@code iothub-app-NAME}.
 */
public enum MessageProperty {
    MESSAGE_ID("messageId", "iothub-messageid"),
    CORRELATION_ID("correlationId", "iothub-correlationid"),
    CONTENT_TYPE("contentType", "iothub-contenttype"),
    CONTENT_ENCODING("contentEncoding", "iothub-contentencoding"),
    /** Java and the documentation spell it {@code iothub-creation-time-utc}; C# {@code iothub-creationtimeutc}. */
    CREATION_TIME_UTC("creationTimeUtc", "iothub-creation-time-utc", "iothub-creationtimeutc"),
    USER_ID("userId", "iothub-userid"),
    EXPIRY("expiry", "iothub-expiry"),
    ACK("ack", "iothub-ack"),
    DT_SUBJECT("dtSubject", "dt-subject"),
    INTERFACE_ID("interfaceId", "iothub-interface-id"),
    OUTPUT_NAME("outputName", "iothub-outputname");

    /** Prefix of an application property's header. */
    public static final String APPLICATION_PREFIX = "iothub-app-";

    private final String propertyName;
    private final String header;
    private final List<String> alternativeHeaders;

    MessageProperty(String propertyName, String header, String... alternativeHeaders) {
        this.propertyName = propertyName;
        this.header = header;
        this.alternativeHeaders = List.of(alternativeHeaders);
    }

    /** The name used in JSON and by the in-process API, e.g. {@code messageId}. */
    public String propertyName() {
        return propertyName;
    }

    /** The header a client sends, e.g. {@code iothub-messageid}. */
    public String header() {
        return header;
    }

    /** The property a request header carries, matched without regard to case; empty for other headers. */
    public static Optional<MessageProperty> ofHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(p -> p.header.equals(lower) || p.alternativeHeaders.contains(lower))
                .findFirst();
    }

    public static Optional<MessageProperty> ofPropertyName(String name) {
        return Arrays.stream(values()).filter(p -> p.propertyName.equals(name)).findFirst();
    }

    /**
     * Whether a name or value may travel as an HTTP property: ASCII letters and digits and
     * {@code ! # $ % & ' * + - . ^ _ ` | ~}, as IoT Hub requires over HTTPS.
     */
    public static boolean isValidHttpToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean alphanumeric = c < 128 && Character.isLetterOrDigit(c);
            if (!alphanumeric && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }
}
