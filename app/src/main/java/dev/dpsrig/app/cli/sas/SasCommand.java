package dev.dpsrig.app.cli.sas;

import dev.dpsrig.app.cli.shared.UsageException;
import dev.dpsrig.protocol.SasSigner;
import dev.dpsrig.protocol.SasTokenException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The DPS walkthrough's Python token generator as a command: the same inputs give the same token, byte for
 * byte. {@code sr} is the URI through {@code quote_plus}, the signed string is {@code quote_plus(uri) + "\n" + se},
 * and the fields go through {@code urlencode} in the script's order: sr, sig, se, then skn when a policy is given.
 */
@Command(name = "sas", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Make a SAS token as the DPS walkthrough's Python generator does, and print it alone.",
                "For DPS: --uri SCOPE/registrations/ID --policy registration; for a hub: --uri HUB/devices/ID without --policy."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the token was printed", "2:usage error (e.g. a key that is not base64)"})
public final class SasCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--uri", required = true, paramLabel = "URI", description = "The resource URI, unencoded.")
    private String uri;

    @Option(names = "--key", required = true, paramLabel = "BASE64", description = "The device (or derived) key.")
    private String key;

    @Option(names = "--policy", paramLabel = "NAME", description = "The skn field, e.g. registration for DPS (default: none).")
    private String policy;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Expiry expiry;

    static final class Expiry {
        @Option(names = "--ttl", paramLabel = "SECONDS", description = "Valid for this long from now (the script's expiry).")
        Long ttlSeconds;

        @Option(names = "--expires-at", paramLabel = "EPOCH", description = "Valid until this time, in seconds since 1970 (se).")
        Long expiresAt;
    }

    private final Clock clock;

    public SasCommand() {
        this(Clock.systemUTC());
    }

    SasCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        long se;
        if (expiry.expiresAt != null) {
            if (expiry.expiresAt < 0) {
                throw new UsageException("--expires-at must be seconds since 1970, not " + expiry.expiresAt);
            }
            se = expiry.expiresAt;
        } else {
            if (expiry.ttlSeconds <= 0) {
                throw new UsageException("--ttl must be a positive number of seconds, not " + expiry.ttlSeconds);
            }
            // int(time() + expiry): the fraction of the current second never carries.
            se = clock.instant().getEpochSecond() + expiry.ttlSeconds;
        }
        spec.commandLine().getOut().println(token(uri, key, policy, se));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The token the walkthrough's {@code generate_sas_token(uri, key, policy_name, ...)} returns for this {@code se}. */
    static String token(String uri, String base64Key, String policyName, long se) {
        String signed = quotePlus(uri) + "\n" + se;
        StringBuilder token = new StringBuilder("SharedAccessSignature sr=").append(quotePlus(uri))
                .append("&sig=").append(quotePlus(hmac(base64Key, signed)))
                .append("&se=").append(se);
        if (policyName != null) {
            token.append("&skn=").append(quotePlus(policyName));
        }
        return token.toString();
    }

    /** The protocol's signer, with its refusals of a key that is not base64 or is empty told as a usage error. */
    private static String hmac(String base64Key, String message) {
        try {
            return SasSigner.withKey(base64Key).sign(message);
        } catch (SasTokenException e) {
            throw new UsageException("--" + e.getMessage(), e);
        }
    }

    /** Python's {@code urllib.parse.quote_plus}: letters, digits and {@code _.-~} stay, space is {@code +}, the rest %XX of UTF-8. */
    static String quotePlus(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-' || c == '~') {
                out.append((char) c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >>> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
