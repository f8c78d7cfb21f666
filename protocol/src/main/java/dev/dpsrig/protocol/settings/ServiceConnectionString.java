package dev.dpsrig.protocol.settings;

import dev.dpsrig.protocol.Base64Text;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A DPS service connection string, {@code HostName=...;SharedAccessKeyName=...;SharedAccessKey=...},
 * as the portal, {@code az} and the simulator's {@code dev-settings.json} give it.
 *
 * @param hostName   the DPS host, with a port for the simulator ({@code localhost:8443})
 * @param policyName the shared access policy, e.g. {@code provisioningserviceowner}
 * @param key        the policy's key, base64
 */
public record ServiceConnectionString(String hostName, String policyName, String key) {
    private static final String FORM = "HostName=...;SharedAccessKeyName=...;SharedAccessKey=...";

    public ServiceConnectionString {
        URI uri;
        try {
            uri = URI.create("https://" + hostName + "/");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("HostName '" + hostName + "' is not a host name");
        }
        if (uri.getHost() == null || !uri.getRawPath().equals("/")) {
            throw new IllegalArgumentException("HostName '" + hostName + "' is not a host name (nor host:port)");
        }
        if (policyName.isBlank()) {
            throw new IllegalArgumentException("SharedAccessKeyName is empty");
        }
        byte[] keyBytes;
        keyBytes = Base64Text.decode(key, "SharedAccessKey");
        if (keyBytes.length == 0) {
            throw new IllegalArgumentException("SharedAccessKey is empty");
        }
    }

    /** Field names are matched without regard to case, as the Azure SDKs do; the key may hold '='. */
    public static ServiceConnectionString parse(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : text.strip().split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int equals = part.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("connection string part '" + shown(part) + "' is not Name=value; expected " + FORM);
            }
            fields.put(part.substring(0, equals).strip().toLowerCase(Locale.ROOT), part.substring(equals + 1).strip());
        }
        return new ServiceConnectionString(required(fields, "HostName"), required(fields, "SharedAccessKeyName"),
                required(fields, "SharedAccessKey"));
    }

    public URI baseUri() {
        return URI.create("https://" + hostName);
    }

    /** The connection string itself, key included, as {@code dev-settings.json} and the portal give it. */
    public String text() {
        return "HostName=" + hostName + ";SharedAccessKeyName=" + policyName + ";SharedAccessKey=" + key;
    }

    /** Without the key: connection strings end up in logs and error messages. */
    @Override
    public String toString() {
        return "HostName=" + hostName + ";SharedAccessKeyName=" + policyName + ";SharedAccessKey=***";
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name.toLowerCase(Locale.ROOT));
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("connection string has no " + name + "; expected " + FORM);
        }
        return value;
    }

    /** A malformed part could be the key itself; show only its start. */
    private static String shown(String part) {
        return part.length() <= 12 ? part : part.substring(0, 12) + "...";
    }
}
