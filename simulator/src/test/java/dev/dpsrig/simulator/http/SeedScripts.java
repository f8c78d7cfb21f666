package dev.dpsrig.simulator.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Python the symmetric-key walkthrough (seed 002) has users run, fed its inputs on the
 * command line: the SAS token generator verbatim (for DPS and for the hub), and the device key derivation
 * base64(HMAC-SHA256(b64decode(groupKey), registrationId)).
 */
final class SeedScripts {
    private static final String SAS_GENERATOR = """
            from base64 import b64encode, b64decode
            from hashlib import sha256
            from time import time
            from urllib.parse import quote_plus, urlencode
            from hmac import HMAC
            import sys

            def generate_sas_token(uri, key, policy_name, expiry=3600):
                 ttl = time() + expiry
                 sign_key = "%s\\n%d" % ((quote_plus(uri)), int(ttl))
                 signature = b64encode(HMAC(b64decode(key), sign_key.encode('utf-8'), sha256).digest())
                 rawtoken = {'sr' :  uri, 'sig': signature, 'se' : str(int(ttl))}
                 if policy_name is not None:
                     rawtoken['skn'] = policy_name
                 return 'SharedAccessSignature ' + urlencode(rawtoken)

            print(generate_sas_token(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None, 3600))
            """;

    private static final String DEVICE_KEY_DERIVATION = """
            from base64 import b64encode, b64decode
            from hashlib import sha256
            from hmac import HMAC
            import sys

            group_key, registration_id = sys.argv[1], sys.argv[2]
            print(b64encode(HMAC(b64decode(group_key), registration_id.encode('utf-8'), sha256).digest()).decode('ascii'))
            """;

    private SeedScripts() {
    }

    /** A device API token: {@code uri} is {@code {idScope}/registrations/{registrationId}}, policy {@code registration}. */
    static String sasToken(Path directory, String uri, String key) {
        return python(directory, "generate_token.py", SAS_GENERATOR, uri, key, "registration");
    }

    /**
     * An IoT Hub device token, made as the walkthrough's "Create a SAS token for your IoT hub" step says:
     * {@code uri} is {@code {hub host}/devices/{deviceId}}, signed with the same key, {@code policy=None} (no skn).
     */
    static String hubSasToken(Path directory, String uri, String key) {
        return python(directory, "generate_token.py", SAS_GENERATOR, uri, key);
    }

    static String deriveDeviceKey(Path directory, String groupKey, String registrationId) {
        return python(directory, "derive_device_key.py", DEVICE_KEY_DERIVATION, groupKey, registrationId);
    }

    private static String python(Path directory, String scriptName, String script, String... arguments) {
        Path file = directory.resolve(scriptName);
        try {
            Files.writeString(file, script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of("python3", file.toString()));
        command.addAll(List.of(arguments));
        return Processes.succeed(directory, command).stdout().strip();
    }
}
