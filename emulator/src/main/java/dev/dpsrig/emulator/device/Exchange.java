package dev.dpsrig.emulator.device;

import dev.dpsrig.emulator.device.DeviceTransport.Answer;
import dev.dpsrig.protocol.ConnectFailure;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * One request a device made and what came of it, as an {@link ExchangeListener} sees it: exactly what
 * was sent (secrets included; whoever prints it decides what to hide) and the answer, or the reason
 * there was none.
 *
 * @param requestHeaders the headers the device set, with {@code Content-Type} when it sent a body
 * @param failure        why no whole answer arrived (connection, TLS, timeout); empty when {@code answer} is present
 * @param connectFailure with a failure: present when no connection could be opened at all (refused, unknown host, no route)
 */
public record Exchange(String method, String url, Map<String, String> requestHeaders, byte[] requestBody,
                       Optional<Answer> answer, Optional<String> failure, Optional<ConnectFailure> connectFailure) {
    public Exchange {
        requestHeaders = Map.copyOf(requestHeaders);
        requestBody = requestBody.clone();
        if (answer.isPresent() == failure.isPresent()) {
            throw new IllegalArgumentException("an exchange has either an answer or a failure, not " + (answer.isPresent() ? "both" : "neither"));
        }
        if (connectFailure.isPresent() && failure.isEmpty()) {
            throw new IllegalArgumentException("a connect failure goes with a failure");
        }
    }

    public String requestText() {
        return new String(requestBody, StandardCharsets.UTF_8);
    }
}
