package dev.dpsrig.simulator.dps;

import dev.dpsrig.protocol.DpsErrorCode;
import dev.dpsrig.protocol.DpsException;
import java.util.Optional;

/**
 * The {@code If-Match} precondition of the service API's writes, as DPS applies it: none given always
 * holds, {@code *} holds for anything that exists, an etag holds when it is the current one, quoted or
 * not, weak or not. A precondition that does not hold is a 412.
 */
final class IfMatch {
    private IfMatch() {
    }

    /**
     * @param current the etag of the object now; empty when it does not exist
     * @param what    the object, as a refusal names it
     */
    static void check(Optional<String> current, Optional<String> ifMatch, String what) {
        if (ifMatch.isEmpty() || ifMatch.get().equals("*") && current.isPresent()) {
            return;
        }
        if (current.isEmpty()) {
            throw new DpsException(DpsErrorCode.PRECONDITION_FAILED, "If-Match " + ifMatch.get() + " given but " + what + " does not exist");
        }
        if (!unquote(current.get()).equals(unquote(ifMatch.get()))) {
            throw new DpsException(DpsErrorCode.PRECONDITION_FAILED, "If-Match " + ifMatch.get()
                    + " does not match the etag " + current.get() + " of " + what);
        }
    }

    private static String unquote(String etag) {
        String value = etag.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }
}
