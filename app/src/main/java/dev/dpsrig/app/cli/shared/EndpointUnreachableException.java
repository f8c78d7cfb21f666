package dev.dpsrig.app.cli.shared;

import dev.dpsrig.protocol.ConnectFailure;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.IExitCodeGenerator;

/**
 * A command could not reach what it talks to at all: no connection could be opened (refused, unknown host, no
 * route). The {@code dpsrig} main prints the message, one line naming the endpoint and where it came from, and exits
 * with {@link ExitCodes#UNREACHABLE}, e.g.
 * <pre>
 * cannot reach DPS at localhost:8443: connection refused — is `dpsrig serve` running? (settings from dpsrig-data/dev-settings.json)
 * </pre>
 */
public final class EndpointUnreachableException extends RuntimeException implements IExitCodeGenerator {

    /**
     * Where a command found the endpoint it talks to, for the message.
     *
     * @param text      how the message says it: {@code settings from dpsrig-data/dev-settings.json}, {@code from --global-endpoint}
     * @param simulator whether the endpoint is the local simulator's by construction (it came from its settings file)
     */
    public record Origin(String text, boolean simulator) {
        public static Origin settings(Path file) {
            return new Origin("settings from " + file, true);
        }

        public static Origin option(String option) {
            return new Origin("from " + option, false);
        }
    }

    /**
     * @param what     {@code DPS}, {@code the IoT hub}, {@code the simulator}
     * @param endpoint {@code host:port}
     */
    public EndpointUnreachableException(String what, String endpoint, ConnectFailure failure, Origin origin, Throwable cause) {
        super(line(what, endpoint, failure, origin), cause);
    }

    /**
     * The one line: what could not be reached where and why; whether {@code dpsrig serve} is running when the endpoint
     * is the simulator's or on this machine; and where the endpoint came from.
     */
    public static String line(String what, String endpoint, ConnectFailure failure, Origin origin) {
        return "cannot reach " + what + " at " + endpoint + ": " + failure.text()
                + (origin.simulator() || onThisMachine(endpoint) ? " — is `dpsrig serve` running?" : "")
                + " (" + origin.text() + ")";
    }

    private static boolean onThisMachine(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        String host = (colon > 0 && !endpoint.endsWith("]") ? endpoint.substring(0, colon) : endpoint).toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    @Override
    public int getExitCode() {
        return ExitCodes.UNREACHABLE;
    }
}
